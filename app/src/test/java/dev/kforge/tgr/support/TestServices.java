package dev.kforge.tgr.support;

import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.config.Tuning;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Service instances wired against fakes, bound to 127.0.0.1 on an ephemeral port. */
public final class TestServices {

    /** Generous for a loaded 2-core machine; tests that need a timeout set a short one explicitly. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private TestServices() {
    }

    public static AppConfig config(URI githubApiUrl) {
        return AppConfig.forTests(githubApiUrl).withTuning(Tuning.defaults().withReadTimeout(READ_TIMEOUT));
    }

    public static TgrService service(AppConfig config) {
        return TgrService.create(config, Clock.systemUTC());
    }

    public static TgrService service(AppConfig config, Clock clock) {
        return TgrService.create(config, clock);
    }
}
