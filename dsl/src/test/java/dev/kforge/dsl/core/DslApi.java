package dev.kforge.dsl.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public types of the library (nested ones too, read from the compiled classes) and the few JDK types that text names,
 * by simple name: what tests need to check that a {@code Type.method(} written in a message or in the manual exists.
 */
final class DslApi {
    /** {@code Type.method(} or {@code Type.CONSTANT.method(}: groups type, constant (or null), method. */
    static final Pattern CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)(?:\\.([A-Z][A-Z0-9_]*))?\\.([a-z][A-Za-z0-9]*)\\(");
    /** JDK types the messages and the manual name, e.g. {@code Duration.ofSeconds(3)}. */
    private static final Map<String, Class<?>> JDK = Map.of(
            "Duration", java.time.Duration.class,
            "Optional", java.util.Optional.class,
            "Map", java.util.Map.class,
            "System", java.lang.System.class);

    private final Map<String, List<Class<?>>> types;

    private DslApi(Map<String, List<Class<?>>> types) {
        this.types = types;
    }

    /** Reads the compiled classes of the module under test ({@code target/classes}). */
    static DslApi load() {
        Path classes = Path.of("target", "classes");
        Map<String, List<Class<?>>> types = new HashMap<>();
        JDK.forEach((name, type) -> types.put(name, new ArrayList<>(List.of(type))));
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, DslApi.class.getClassLoader());
                    if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                        types.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>()).add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException(name, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DslApi(types);
    }

    boolean knows(String simpleName) {
        return types.containsKey(simpleName);
    }

    /**
     * The types a receiver written as {@code Type} or {@code Type.CONSTANT} ({@code PodSecurity.RESTRICTED}) may be: several
     * when nested types share a simple name, none when the type or the constant is unknown.
     */
    List<Class<?>> receivers(String type, String constant) {
        List<Class<?>> candidates = types.getOrDefault(type, List.of());
        if (constant == null) {
            return candidates;
        }
        return candidates.stream().<Class<?>>map(candidate -> constantType(candidate, constant)).filter(c -> c != null).toList();
    }

    static boolean hasPublicMethod(List<Class<?>> candidates, String name) {
        return candidates.stream().anyMatch(type -> Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(name))
                || Arrays.stream(type.getRecordComponents() == null ? new RecordComponent[0] : type.getRecordComponents())
                .anyMatch(c -> c.getName().equals(name)));
    }

    /**
     * What calling {@code name} on the candidates returns, when every public overload taking arguments (or none, as the call
     * does) returns the same class, not a type variable nor void: empty when that cannot be told without guessing.
     */
    static Optional<Class<?>> returnType(List<Class<?>> candidates, String name, boolean withArguments) {
        Set<Class<?>> returned = candidates.stream()
                .flatMap(type -> Arrays.stream(type.getMethods()))
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> withArguments == (m.getParameterCount() > 0))
                .map(m -> returnedClass(candidates, m))
                .collect(Collectors.toSet());
        return returned.size() == 1 && !returned.contains(null) ? Optional.of(returned.iterator().next()) : Optional.empty();
    }

    /** The method's return class; a type variable of a generic supertype ({@code Workload<T>}'s T) as the receiver binds it. */
    private static Class<?> returnedClass(List<Class<?>> receivers, Method method) {
        if (method.getReturnType() == void.class) {
            return null;
        }
        if (method.getGenericReturnType() instanceof TypeVariable<?> variable) {
            return receivers.size() == 1 ? boundBy(receivers.get(0), variable) : null;
        }
        return method.getReturnType();
    }

    /** The class {@code type} gives the type variable through its supertypes, null when it is not a class. */
    private static Class<?> boundBy(Class<?> type, TypeVariable<?> variable) {
        return boundBy(type, variable, Map.of());
    }

    /** {@code arguments}: what the type variables of {@code type} stand for where the walk came from. */
    private static Class<?> boundBy(Class<?> type, TypeVariable<?> variable, Map<TypeVariable<?>, java.lang.reflect.Type> arguments) {
        if (type == variable.getGenericDeclaration()) {
            return arguments.get(variable) instanceof Class<?> bound ? bound : null;
        }
        List<java.lang.reflect.Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
        supertypes.add(type.getGenericSuperclass());
        for (java.lang.reflect.Type supertype : supertypes) {
            if (supertype instanceof ParameterizedType parameterized) {
                Class<?> raw = (Class<?>) parameterized.getRawType();
                Map<TypeVariable<?>, java.lang.reflect.Type> passed = new HashMap<>();
                for (int i = 0; i < raw.getTypeParameters().length; i++) {
                    java.lang.reflect.Type argument = parameterized.getActualTypeArguments()[i];
                    passed.put(raw.getTypeParameters()[i], argument instanceof TypeVariable<?> own ? arguments.get(own) : argument);
                }
                Class<?> bound = boundBy(raw, variable, passed);
                if (bound != null) {
                    return bound;
                }
            }
        }
        return null;
    }

    private static Class<?> constantType(Class<?> type, String constant) {
        try {
            return type.getField(constant).getType();
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
