package dev.kforge.tgr.k8s;

/** Pods could not be listed; {@link #status()} is the HTTP status to answer with, the message says why. */
public final class PodsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    PodsException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    PodsException(int status, String message) {
        this(status, message, null);
    }

    public int status() {
        return status;
    }
}
