package dev.kforge.dsl.yaml;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serialized shape of one model class, read once by reflection the way fabric8's generated
 * classes declare it: every field annotated {@code @JsonProperty}, plus the
 * {@code additionalProperties} map that Jackson writes through {@code @JsonAnyGetter}.
 *
 * <p>A class that does not follow that convention (a custom serializer, a field Jackson would see
 * through a getter only) is marked {@link #readable() unreadable}, and its values are converted by
 * Jackson itself, so an unusual class costs speed, never correctness.
 */
final class ModelClass {
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    private static final ClassValue<ModelClass> CLASSES = new ClassValue<>() {
        @Override
        protected ModelClass computeValue(Class<?> type) {
            return read(type);
        }
    };
    private static final ModelClass UNREADABLE = new ModelClass(List.of(), null, false);

    /**
     * @param omitEmpty {@code @JsonInclude(NON_EMPTY)}: an empty string is left out like an empty list
     */
    record Property(String name, Field field, boolean omitEmpty) {
        Object valueOf(Object instance) {
            try {
                return field.get(instance);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + field + " (it was made accessible)", e);
            }
        }
    }

    private final List<Property> properties;
    private final Field additionalProperties;
    private final boolean readable;

    private ModelClass(List<Property> properties, Field additionalProperties, boolean readable) {
        this.properties = properties;
        this.additionalProperties = additionalProperties;
        this.readable = readable;
    }

    static ModelClass of(Class<?> type) {
        return CLASSES.get(type);
    }

    /** Whether the properties below are everything Jackson would write for this class. */
    boolean readable() {
        return readable;
    }

    List<Property> properties() {
        return properties;
    }

    /** The object's additional properties (written after, and over, the declared ones), or null. */
    Map<?, ?> additionalPropertiesOf(Object instance) {
        if (additionalProperties == null) {
            return null;
        }
        try {
            return (Map<?, ?>) additionalProperties.get(instance);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + additionalProperties + " (it was made accessible)", e);
        }
    }

    private static ModelClass read(Class<?> type) {
        if (type.getName().startsWith("java.") || type.isEnum() || type.isRecord() || hasCustomSerializer(type)) {
            return UNREADABLE;
        }
        boolean classOmitsEmpty = omitsEmpty(type.getAnnotation(JsonInclude.class), false);
        List<Property> properties = new ArrayList<>();
        Field additional = null;
        try {
            for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
                for (Field field : current.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    boolean ignored = field.getAnnotation(JsonIgnore.class) != null;
                    if (property != null && !ignored) {
                        field.setAccessible(true);
                        String name = property.value().isEmpty() ? field.getName() : property.value();
                        properties.add(new Property(name, field, omitsEmpty(field.getAnnotation(JsonInclude.class), classOmitsEmpty)));
                    } else if (field.getName().equals(ADDITIONAL_PROPERTIES) && Map.class.isAssignableFrom(field.getType()) && additional == null) {
                        field.setAccessible(true);
                        additional = field;
                    } else if (!ignored) {
                        // A field without @JsonProperty: Jackson may still write it through a getter.
                        return UNREADABLE;
                    }
                }
            }
        } catch (InaccessibleObjectException | SecurityException e) {
            return UNREADABLE;
        }
        return properties.isEmpty() && additional == null ? UNREADABLE : new ModelClass(List.copyOf(properties), additional, true);
    }

    private static boolean hasCustomSerializer(Class<?> type) {
        JsonSerialize serialize = type.getAnnotation(JsonSerialize.class);
        return serialize != null && serialize.using() != JsonSerializer.None.class;
    }

    private static boolean omitsEmpty(JsonInclude include, boolean otherwise) {
        if (include == null || include.value() == JsonInclude.Include.USE_DEFAULTS) {
            return otherwise;
        }
        return include.value() == JsonInclude.Include.NON_EMPTY;
    }
}
