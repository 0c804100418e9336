package dev.kforge.dsl.core;

import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where in the user's code an object was defined ({@code TgrStack.java:42}), so that a problem
 * found later points at the line that made the object.
 */
public record Origin(String file, int line) {
    public static final Origin UNKNOWN = new Origin("unknown", 0);

    /**
     * The user's frame is a few frames up (the library's factory, then Meta): the first batch of
     * 8 frames holds it, where the default batch materialises several times as many.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 8);
    private static final URL DSL_LOCATION = locationOf(Origin.class);

    /** The origin objects defined on this thread take while {@link #scoped} runs. */
    private static final ThreadLocal<Origin> SCOPE = new ThreadLocal<>();

    /**
     * Runs {@code definition} so that every object it defines on this thread takes {@code origin}:
     * for the objects a library component (a gateway installation) builds for the user, which were
     * all defined where the component was, and need no stack walk each.
     */
    public static <T> T scoped(Origin origin, Supplier<T> definition) {
        Origin outer = SCOPE.get();
        SCOPE.set(origin);
        try {
            return definition.get();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /** The first caller outside this library (the library's own frames say nothing to the user), or the {@link #scoped} origin. */
    public static Origin capture() {
        Origin scoped = SCOPE.get();
        if (scoped != null) {
            return scoped;
        }
        Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames
                .filter(frame -> !isLibraryFrame(frame))
                .findFirst());
        return caller.map(frame -> new Origin(frame.getFileName() == null ? frame.getClassName() : frame.getFileName(),
                        Math.max(frame.getLineNumber(), 0)))
                .orElse(UNKNOWN);
    }

    /** The first frame of {@code error}'s stack trace in the user's code (outside this library and the JDK). */
    public static Origin of(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getFileName() != null && !isLibraryClass(frame.getClassName())) {
                return new Origin(frame.getFileName(), Math.max(frame.getLineNumber(), 0));
            }
        }
        return UNKNOWN;
    }

    private static boolean isLibraryClass(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
            return true;
        }
        try {
            Class<?> type = Class.forName(className, false, Origin.class.getClassLoader());
            URL location = locationOf(type);
            return location != null && location.equals(DSL_LOCATION);
        } catch (ClassNotFoundException | LinkageError e) {
            return className.startsWith("dev.kforge.dsl.");
        }
    }

    private static boolean isLibraryFrame(StackWalker.StackFrame frame) {
        return IN_LIBRARY.get(frame.getDeclaringClass());
    }

    /** Every object captures its origin, so each class is looked up once. */
    private static final ClassValue<Boolean> IN_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.getName().startsWith("java.") || type.getName().startsWith("jdk.")) {
                return true;
            }
            URL location = locationOf(type);
            return location != null && location.equals(DSL_LOCATION);
        }
    };

    private static URL locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
