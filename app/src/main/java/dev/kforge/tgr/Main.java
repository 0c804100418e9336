package dev.kforge.tgr;

import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.ConfigException;
import java.time.Clock;

/** Entry point: configuration from the environment, then the server in the foreground until SIGTERM/SIGINT. */
public final class Main {

    /** Exit status for invalid configuration. */
    static final int EXIT_CONFIG = 2;
    /** Exit status when the server cannot start (e.g. the port is taken). */
    static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("tgr: cannot start: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        // Before the first logger exists: slf4j-simple reads its level once.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.debug() ? "debug" : "info");

        TgrService service = TgrService.create(config, Clock.systemUTC());
        try {
            service.start();
        } catch (Exception e) { // Javalin also throws checked exceptions undeclared (Kotlin)
            System.err.println("tgr: cannot start: " + e.getMessage());
            System.exit(EXIT_START);
            return;
        }
        // SIGTERM (Kubernetes) and SIGINT (Ctrl-C) run this: readiness false, drain, stop accepting, finish requests.
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "tgr-shutdown"));
    }
}
