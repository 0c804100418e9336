package dev.kforge.tgr;

/**
 * The values the service shares with the manifests that deploy it: probe paths, port, image, and the
 * environment variables it reads. Compile-time constants only and no imports: the manifests module
 * depends on the thin jar without any of its dependencies, so this class must not reference another class.
 */
public final class TgrContract {

    /** Liveness probe path: answers 200 while the process is up. */
    public static final String HEALTH_PATH = "/health";
    /** Readiness probe path: answers 200 until shutdown begins, then 503. */
    public static final String READY_PATH = "/ready";
    /** The port the service listens on unless PORT says otherwise; also the image's EXPOSE. */
    public static final int DEFAULT_PORT = 5000;
    /** Image repository the Dockerfile's build is tagged with. */
    public static final String IMAGE_REPOSITORY = "eon01/tgr";
    /** Image tag this build produces; a test asserts it equals the Maven project version. */
    public static final String VERSION = "1.1.0";
    /** The numeric, non-root user id the image runs as. */
    public static final long RUN_AS_USER = 10001;

    /**
     * Seconds the service keeps serving after SIGTERM in a cluster, readiness already answering 503, while the
     * endpoints controller takes the pod out of its Services.
     */
    public static final int DRAIN_SECONDS = 5;
    /** Seconds requests in flight then get to finish once the port is closed. */
    public static final int STOP_TIMEOUT_SECONDS = 20;
    /** The pod's terminationGracePeriodSeconds: the drain and the stop, and 5 s for the JVM to exit before SIGKILL. */
    public static final int TERMINATION_GRACE_SECONDS = DRAIN_SECONDS + STOP_TIMEOUT_SECONDS + 5;

    /** GitHub OAuth app client id (used together with CLIENT_SECRET). */
    public static final String ENV_CLIENT_ID = "CLIENT_ID";
    /** GitHub OAuth app client secret (used together with CLIENT_ID). */
    public static final String ENV_CLIENT_SECRET = "CLIENT_SECRET";
    /** GitHub token; takes precedence over CLIENT_ID/CLIENT_SECRET. */
    public static final String ENV_GITHUB_TOKEN = "GITHUB_TOKEN";
    /** Free-form environment label (dev, prod, ...), reported by /info. */
    public static final String ENV_ENV = "ENV";
    /** true/false: debug logging. */
    public static final String ENV_DEBUG = "DEBUG";
    /** Address to bind, default 0.0.0.0. */
    public static final String ENV_HOST = "HOST";
    /** Port to bind, default {@link #DEFAULT_PORT}. */
    public static final String ENV_PORT = "PORT";
    /** GitHub API base URL, default https://api.github.com (GitHub Enterprise: https://host/api/v3). */
    public static final String ENV_GITHUB_API_URL = "GITHUB_API_URL";
    /** Downward API: metadata.name. */
    public static final String ENV_POD_NAME = "POD_NAME";
    /** Downward API: metadata.namespace. */
    public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";
    /** Downward API: spec.nodeName. */
    public static final String ENV_NODE_NAME = "NODE_NAME";

    private TgrContract() {
    }
}
