package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.gateway.GatewayKinds;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** The Java constant of a kind, for hints the user pastes into code: {@code Kind.DEPLOYMENT}, {@code GatewayKinds.MAPPING}. */
public final class KindConstants {
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (Class<?> holder : new Class<?>[] {Kind.class, GatewayKinds.class}) {
            for (Field field : holder.getFields()) {
                if (field.getType() == Kind.class && Modifier.isStatic(field.getModifiers())) {
                    try {
                        BY_NAME.putIfAbsent(((Kind) field.get(null)).kind(), holder.getSimpleName() + "." + field.getName());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private KindConstants() {
    }

    /** The constant for {@code kind} (e.g. {@code Mapping}); for a kind of the project's own, the Kind it declared. */
    public static String of(String kind) {
        return BY_NAME.getOrDefault(kind, "<your Kind constant for " + kind + ">");
    }
}
