package dev.kforge.dsl.core;

import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Where in the user's code an object was defined ({@code TgrStack.java:42}), so that a problem
 * found later points at the line that made the object.
 *
 * <p>Every object captures its origin and almost none is ever read (only problems show them), so
 * {@link #capture()} only records the call stack, which the JVM does natively in a fraction of a
 * stack walk; the frames are read, and the record dropped, when {@link #file()} or {@link #line()}
 * is first asked for.
 */
public final class Origin {
    public static final Origin UNKNOWN = new Origin("unknown", 0);

    private static final URL DSL_LOCATION = locationOf(Origin.class);

    /** The call stack at capture, until it is resolved into file and line. */
    private Throwable site;
    private String file;
    private int line;

    public Origin(String file, int line) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
    }

    private Origin(Throwable site) {
        this.site = site;
    }

    /** The first caller outside this library (the library's own frames say nothing to the user). */
    public static Origin capture() {
        return new Origin(new Throwable());
    }

    /** The first frame of {@code error}'s stack trace in the user's code (outside this library and the JDK). */
    public static Origin of(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            if (!isLibraryClass(frame.getClassName())) {
                return new Origin(frame.getFileName() == null ? frame.getClassName() : frame.getFileName(),
                        Math.max(frame.getLineNumber(), 0));
            }
        }
        return UNKNOWN;
    }

    public String file() {
        resolve();
        return file;
    }

    public int line() {
        resolve();
        return line;
    }

    private synchronized void resolve() {
        if (site != null) {
            Origin caller = of(site);
            file = caller.file;
            line = caller.line;
            site = null;
        }
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

    private static URL locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Origin origin && file().equals(origin.file()) && line() == origin.line();
    }

    @Override
    public int hashCode() {
        return Objects.hash(file(), line());
    }

    @Override
    public String toString() {
        return file() + ":" + line();
    }
}
