package dev.kforge.tgr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kforge.tgr.TgrService;
import dev.kforge.tgr.config.AppConfig;
import dev.kforge.tgr.support.FakeGitHub;
import dev.kforge.tgr.support.Fixtures;
import dev.kforge.tgr.support.TestServices;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Load benchmark of the tgr service (issue 7, "Serve"): the real service ({@link TgrService}, Javalin and Jetty,
 * the real GitHub client) on 127.0.0.1 and an ephemeral port, in this JVM, against the tests' {@link FakeGitHub},
 * driven by a closed-loop load generator ({@link NioLoadClient}) at each concurrency:
 *
 * <ul>
 *   <li><b>hits</b>: {@code GET /?n=10&l=python} after one miss that fills the cache;</li>
 *   <li><b>misses</b>: {@code GET /?n=10&l=lang<k>} with a new {@code k} for every request, the fake GitHub
 *       adding {@code bench.upstreamLatencyMs} (20 ms) to every search.</li>
 * </ul>
 * Each (scenario, concurrency) row gets a new service (empty cache), a warm-up until the JIT is quiet ({@link WarmUp}),
 * then a measured phase.
 * Prints one table with the targets and PASS/FAIL. Exit status 0 when the benchmark ran (targets missed
 * or not), 1 when it could not run. Not a test: surefire never picks it up (no {@code Test} in the class names).
 *
 * <p>System properties: {@code bench.duration} (measured seconds per row, default 5), {@code bench.warmup}
 * (the least warm-up in seconds, default 5), {@code bench.concurrency} (default {@code 16,64}), {@code bench.scenarios} (default
 * {@code hits,misses}; {@code health} measures the load generator's own ceiling on {@code /health}),
 * {@code bench.client} ({@code nio} or {@code jdk}), {@code bench.clientThreads} (default 1),
 * {@code bench.upstreamLatencyMs} (default 20), {@code bench.log} (the service's request log; default
 * {@code app/target/bench-serve.log}).
 */
public final class ServeBenchmark {

    static final String HIT_TARGET = "/?n=10&l=python";
    static final int N = 10;
    static final double HIT_MIN_RPS = 15_000;
    static final double HIT_MAX_P99_MS = 10;
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    /** Share of the CPU taken by other processes above which the report warns that the figures are skewed. */
    static final double NOISE = 0.10;

    enum Scenario {
        HEALTH("health"), HITS("hits"), MISSES("misses");

        final String label;

        Scenario(String label) {
            this.label = label;
        }

        static Scenario of(String text) {
            for (Scenario s : values()) {
                if (s.label.equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("bench.scenarios: unknown scenario '" + text + "' (health, hits, misses)");
        }
    }

    record Settings(Duration measured, Duration warmup, List<Integer> concurrency, List<Scenario> scenarios,
                    String client, int clientThreads, long upstreamLatencyMs, boolean generateAnswers, Path log) {

        static Settings fromSystemProperties() {
            List<Integer> concurrency = split(System.getProperty("bench.concurrency", "16,64")).stream()
                    .map(Integer::parseInt).collect(Collectors.toList());
            List<Scenario> scenarios = split(System.getProperty("bench.scenarios", "hits,misses")).stream()
                    .map(Scenario::of).collect(Collectors.toList());
            String client = System.getProperty("bench.client", "nio").trim().toLowerCase(Locale.ROOT);
            if (!client.equals("nio") && !client.equals("jdk")) {
                throw new IllegalArgumentException("bench.client: expected nio or jdk, got '" + client + "'");
            }
            Path log = Path.of(System.getProperty("bench.log", defaultLog().toString()));
            String answers = System.getProperty("bench.fakeAnswers", "cached").trim().toLowerCase(Locale.ROOT);
            if (!answers.equals("cached") && !answers.equals("generated")) {
                throw new IllegalArgumentException("bench.fakeAnswers: expected cached or generated, got '" + answers + "'");
            }
            return new Settings(seconds("bench.duration", 5), seconds("bench.warmup", 5), concurrency, scenarios,
                    client, Integer.parseInt(System.getProperty("bench.clientThreads", "1").trim()),
                    Long.parseLong(System.getProperty("bench.upstreamLatencyMs", "20").trim()),
                    answers.equals("generated"), log);
        }

        private static Duration seconds(String property, double fallback) {
            double s = Double.parseDouble(System.getProperty(property, Double.toString(fallback)).trim());
            if (s < 0) {
                throw new IllegalArgumentException(property + " must not be negative");
            }
            return Duration.ofNanos((long) (s * 1e9));
        }

        private static List<String> split(String text) {
            List<String> parts = new ArrayList<>();
            for (String p : text.split(",")) {
                if (!p.isBlank()) {
                    parts.add(p.trim());
                }
            }
            return parts;
        }

        /** {@code target/bench-serve.log} of the module whose test classes hold this class. */
        private static Path defaultLog() {
            try {
                Path classes = Path.of(ServeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return classes.getParent().resolve("bench-serve.log");
            } catch (URISyntaxException | RuntimeException e) {
                return Path.of(System.getProperty("java.io.tmpdir"), "tgr-bench-serve.log");
            }
        }
    }

    /** One measured row; {@code compilingMillis} is the JIT's time during its measured phase. */
    record Row(Scenario scenario, int concurrency, LoadClient.PhaseResult result, long upstreamCalls,
               long upstreamCallsByMetrics, double ownCpu, double othersCpu, WarmUp.Result warmUp, long compilingMillis) {

        double callsPerRequest() {
            return result.requests() == 0 ? Double.NaN : (double) upstreamCalls / result.requests();
        }

        String target() {
            return switch (scenario) {
                case HITS -> ">= 15,000 req/s, p99 < 10 ms, 0 errors, 0 upstream calls";
                case MISSES -> "exactly 1 upstream call per request, 0 errors";
                case HEALTH -> "(load generator ceiling, no target)";
            };
        }

        String verdict() {
            LoadClient.PhaseResult r = result;
            boolean pass = switch (scenario) {
                case HITS -> r.perSecond() >= HIT_MIN_RPS && r.latency().percentileMicros(99) < HIT_MAX_P99_MS * 1000
                        && r.errors() == 0 && upstreamCalls == 0 && r.requests() > 0;
                case MISSES -> r.requests() > 0 && upstreamCalls == r.requests() && r.errors() == 0;
                case HEALTH -> true;
            };
            return scenario == Scenario.HEALTH ? "-" : pass ? "PASS" : "FAIL";
        }
    }

    private ServeBenchmark() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Settings.fromSystemProperties());
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("bench-serve: the benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static int run(Settings settings) throws Exception {
        // Before the first logger exists (slf4j-simple reads its configuration once): the service's one line per
        // request goes to a file, as costly as on stdout, so that stdout carries only the table.
        Files.createDirectories(settings.log().toAbsolutePath().getParent());
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.log().toString());

        Instant started = Instant.now();
        System.out.println("tgr serve benchmark (issue 7, Serve), " + started.truncatedTo(ChronoUnit.SECONDS));
        machineFacts().forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "  per row: a new service (empty cache), a warm-up at the row's concurrency (at least "
                        + "%.1f s, then until the JIT compiler is quiet, at most %d s), then %.1f s measured; GET with keep-alive, "
                        + "closed loop%n", settings.warmup().toNanos() / 1e9, WarmUp.LIMIT.toSeconds(), settings.measured().toNanos() / 1e9);
        System.out.printf(Locale.ROOT, "  upstream: the tests' FakeGitHub on 127.0.0.1, +%d ms per search, answers of "
                        + "100 repositories (%s), gzip%n", settings.upstreamLatencyMs(), settings.generateAnswers()
                        ? "generated and compressed for every search" : "generated and compressed once, then replayed");
        System.out.println("  service request log (one line per request, as on stdout in production): " + settings.log());

        List<Row> rows = new ArrayList<>();
        String clientDescription = null;
        AtomicLong keys = new AtomicLong();
        try (FakeGitHub github = FakeGitHub.start()) {
            long latency = settings.upstreamLatencyMs();
            ReplayedAnswers replayed = settings.generateAnswers() ? null : new ReplayedAnswers(github);
            github.gzipWhenAccepted(settings.generateAnswers()); // replayed answers are compressed already
            github.respond(request -> {
                if (latency > 0) {
                    Thread.sleep(latency);
                }
                return replayed == null ? github.search(request) : replayed.reply(request);
            });
            for (Scenario scenario : settings.scenarios()) {
                for (int concurrency : settings.concurrency()) {
                    RowRun run = runRow(scenario, concurrency, github, settings, keys);
                    rows.add(run.row());
                    clientDescription = run.client();
                }
            }
        }
        System.out.println("  load generator: " + clientDescription);
        System.out.println();
        printTable(rows);
        System.out.println();
        for (Row row : rows) {
            if (row.scenario() == Scenario.MISSES && settings.upstreamLatencyMs() > 0) {
                double bound = row.concurrency() * 1000.0 / settings.upstreamLatencyMs();
                System.out.printf(Locale.ROOT, "  misses c=%d: %.0f req/s is %.0f %% of the upstream bound "
                                + "(c / %d ms = %.0f req/s)%n", row.concurrency(), row.result().perSecond(),
                        100 * row.result().perSecond() / bound, settings.upstreamLatencyMs(), bound);
            }
            LoadClient.PhaseResult r = row.result();
            StringBuilder cpu = new StringBuilder();
            if (row.ownCpu() >= 0) {
                cpu.append(String.format(Locale.ROOT, "this JVM %.0f %% of the machine's CPU", 100 * row.ownCpu()));
            }
            if (r.clientCpuNanos() >= 0 && r.requests() > 0) {
                double machine = 100.0 * r.clientCpuNanos() / (r.elapsedNanos() * (double) Runtime.getRuntime().availableProcessors());
                cpu.append(String.format(Locale.ROOT, " (load generator %.0f %%, %.1f us per request)", machine,
                        r.clientCpuNanos() / 1e3 / r.requests()));
            }
            if (row.othersCpu() >= 0) {
                cpu.append(String.format(Locale.ROOT, ", other processes %.0f %%", 100 * row.othersCpu()));
            }
            if (r.bytes() >= 0 && r.elapsedNanos() > 0) {
                cpu.append(String.format(Locale.ROOT, "; answers %.0f MB/s", r.bytes() * 1e3 / r.elapsedNanos()));
            }
            cpu.append(String.format(Locale.ROOT, "; warm-up %d s (%s), JIT %d ms while measured", row.warmUp().took().toSeconds(),
                    row.warmUp().quiet() ? "until the JIT was quiet" : "the JIT was still compiling at the limit", row.compilingMillis()));
            System.out.printf(Locale.ROOT, "  %s c=%d: %s%n", row.scenario().label, row.concurrency(), cpu);
            if (row.upstreamCalls() != row.upstreamCallsByMetrics()) {
                System.out.printf(Locale.ROOT, "  %s c=%d: the fake counted %d upstream calls, the service's "
                                + "tgr_upstream_calls_total %d%n", row.scenario().label, row.concurrency(),
                        row.upstreamCalls(), row.upstreamCallsByMetrics());
            }
        }
        double busiest = rows.stream().mapToDouble(Row::othersCpu).max().orElse(-1);
        if (busiest > NOISE) {
            System.out.printf(Locale.ROOT, "  WARNING: other processes took up to %.0f %% of the CPU during a measured "
                    + "phase; the figures are lower than this machine gives when quiet: rerun when it is%n", 100 * busiest);
        }
        System.out.printf(Locale.ROOT, "  total %.0f s%n", Duration.between(started, Instant.now()).toMillis() / 1e3);
        return 0;
    }

    record RowRun(Row row, String client) {
    }

    private static RowRun runRow(Scenario scenario, int concurrency, FakeGitHub github, Settings settings,
                                 AtomicLong keys) throws Exception {
        // The misses scenario measures what a miss costs, so every one of them is sent: the bound on searches in
        // flight (16 by default, below the higher concurrency) would turn the excess into 503s.
        AppConfig config = TestServices.config(github.url());
        config = config.withTuning(config.tuning().withMaxConcurrentSearches(
                Math.max(concurrency, config.tuning().maxConcurrentSearches())));
        TgrService service = TestServices.service(config);
        service.start();
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", service.app().port());
            LoadClient.Targets targets = switch (scenario) {
                case HEALTH -> () -> "/health";
                case HITS -> {
                    check(address, HIT_TARGET, "MISS"); // the one miss that fills the cache
                    check(address, HIT_TARGET, "HIT");
                    yield () -> HIT_TARGET;
                }
                case MISSES -> {
                    check(address, "/?n=" + N + "&l=probe" + keys.getAndIncrement(), "MISS");
                    yield () -> "/?n=" + N + "&l=lang" + keys.getAndIncrement();
                }
            };
            try (LoadClient client = newClient(settings, address, concurrency, targets)) {
                WarmUp.Result warm = WarmUp.run(client, settings.warmup(), DRAIN_LIMIT);
                if (warm.transportErrors() > 0) {
                    System.err.printf("bench-serve: %s c=%d: %d transport errors during the warm-up%n",
                            scenario.label, concurrency, warm.transportErrors());
                }
                long compilingBefore = WarmUp.compilingMillis();
                long callsBefore = github.calls();
                long metricBefore = service.metrics().upstreamCalls();
                CpuUsage cpuBefore = CpuUsage.now();
                LoadClient.PhaseResult measured = client.run(settings.measured(), DRAIN_LIMIT);
                CpuUsage cpuAfter = CpuUsage.now();
                long compiling = WarmUp.compilingMillis() - compilingBefore;
                long calls = github.calls() - callsBefore;
                long metric = service.metrics().upstreamCalls() - metricBefore;
                int cores = Runtime.getRuntime().availableProcessors();
                return new RowRun(new Row(scenario, concurrency, measured, calls, metric,
                        cpuAfter.ownSince(cpuBefore, cores), cpuAfter.othersSince(cpuBefore, cores), warm, compiling), client.describe());
            }
        } finally {
            service.shutdown();
        }
    }

    private static LoadClient newClient(Settings settings, InetSocketAddress address, int concurrency,
                                        LoadClient.Targets targets) throws IOException {
        return settings.client().equals("jdk")
                ? new JdkLoadClient(address, concurrency, settings.clientThreads(), targets)
                : new NioLoadClient(address, concurrency, settings.clientThreads(), targets);
    }

    /** One request outside the measurement: the answer must be 200 with {@value #N} repositories and that X-Cache. */
    private static void check(InetSocketAddress address, String target, String cache) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + target)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String xCache = response.headers().firstValue("X-Cache").orElse("(none)");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + target + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode repos = Fixtures.parse(response.body()).get("repos");
        if (repos == null || repos.size() != N || !cache.equals(xCache)) {
            throw new IllegalStateException("GET " + target + ": expected " + N + " repositories and X-Cache " + cache
                    + ", got " + (repos == null ? "no repos" : repos.size() + " repositories") + " and X-Cache " + xCache);
        }
    }

    private static List<String> machineFacts() {
        Runtime rt = Runtime.getRuntime();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "machine: %d cores (%s), %s %s", rt.availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.arch")));
        facts.add(String.format(Locale.ROOT, "java: %s (%s %s), GC %s, max heap %d MiB",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), gc, rt.maxMemory() / (1024 * 1024)));
        facts.add("service, fake GitHub and load generator share this JVM and these cores");
        return facts;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static void printTable(List<Row> rows) {
        String format = "%-8s %5s %10s %10s %8s %8s %7s %9s %9s  %-6s %s%n";
        System.out.printf(Locale.ROOT, format, "scenario", "conc", "requests", "req/s", "p50 ms", "p99 ms", "errors",
                "upstream", "calls/req", "result", "target");
        for (Row row : rows) {
            LoadClient.PhaseResult r = row.result();
            System.out.printf(Locale.ROOT, format, row.scenario().label, row.concurrency(),
                    String.format(Locale.ROOT, "%,d", r.requests()), String.format(Locale.ROOT, "%,.0f", r.perSecond()),
                    ms(r.latency().percentileMicros(50)), ms(r.latency().percentileMicros(99)),
                    String.format(Locale.ROOT, "%,d", r.errors()), String.format(Locale.ROOT, "%,d", row.upstreamCalls()),
                    callsPerRequest(row), row.verdict(), row.target());
        }
    }

    /** Two decimals, or four when two would round a ratio that is not exactly 0 or 1 to one that is. */
    private static String callsPerRequest(Row row) {
        long requests = row.result().requests();
        if (requests == 0) {
            return "-";
        }
        boolean exact = row.upstreamCalls() == 0 || row.upstreamCalls() == requests;
        return String.format(Locale.ROOT, exact ? "%.2f" : "%.4f", row.callsPerRequest());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
