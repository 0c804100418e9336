package dev.kforge.dsl.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a class of a definition could not be initialized (a static {@code Port} or {@code ContainerDef} that
 * breaks a rule). The JVM reports the initializer's exception only at the class's first use; every later use,
 * in another environment or when the definitions run again, throws a bare {@code NoClassDefFoundError}
 * ("Could not initialize class X", without a cause on Java 17). So the first exception is kept, by class,
 * for the JVM's life, as the failed class is.
 */
final class InitializerFailures {
    private static final String NOT_INITIALIZED = "Could not initialize class ";
    private static final Map<String, RuntimeException> BY_CLASS = new ConcurrentHashMap<>();

    private InitializerFailures() {
    }

    /** The exception behind {@code error}: the initializer's, as first seen, else one naming the error. */
    static RuntimeException causeOf(LinkageError error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuntimeException runtime) {
                // Every class whose initializer was running failed with it: a stack class whose constant reads another's.
                for (StackTraceElement frame : runtime.getStackTrace()) {
                    if (frame.getMethodName().equals("<clinit>")) {
                        BY_CLASS.putIfAbsent(frame.getClassName(), runtime);
                    }
                }
                return runtime;
            }
        }
        String message = String.valueOf(error.getMessage());
        if (message.startsWith(NOT_INITIALIZED)) {
            RuntimeException first = BY_CLASS.get(message.substring(NOT_INITIALIZED.length()).trim());
            if (first != null) {
                return first;
            }
        }
        return new IllegalStateException(error.toString(), error);
    }
}
