package dev.kforge.tgr.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The same closed loop on {@code java.net.http.HttpClient} (HTTP/1.1, one connection per concurrent request,
 * bodies discarded). Kept for comparison ({@code -Dbench.client=jdk}): on two cores it costs the server much
 * more CPU per request than {@link NioLoadClient}.
 */
final class JdkLoadClient implements LoadClient {

    private final String base;
    private final int concurrency;
    private final Targets targets;
    private final ExecutorService executor;
    private final HttpClient client;

    JdkLoadClient(InetSocketAddress address, int concurrency, int threads, Targets targets) {
        this.base = "http://" + address.getHostString() + ":" + address.getPort();
        this.concurrency = concurrency;
        this.targets = targets;
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "bench-jdk-client");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }

    @Override
    public String describe() {
        return "java.net.http.HttpClient, executor of " + ((java.util.concurrent.ThreadPoolExecutor) executor)
                .getMaximumPoolSize() + " threads, one connection per unit of concurrency";
    }

    /** One connection's loop: its own counters, touched by one request at a time. */
    private final class Slot {
        final LatencyHistogram latency = new LatencyHistogram();
        long requests;
        long non200;
        long transportErrors;
        long lastAnswer;
        volatile boolean done;
    }

    @Override
    public PhaseResult run(Duration duration, Duration drainLimit) throws InterruptedException {
        long start = System.nanoTime();
        long stopSending = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(concurrency);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Slot slot = new Slot();
            slots.add(slot);
            next(slot, stopSending, finished);
        }
        boolean all = finished.await(duration.toMillis() + drainLimit.toMillis(), TimeUnit.MILLISECONDS);
        LatencyHistogram latency = new LatencyHistogram();
        long requests = 0;
        long non200 = 0;
        long transport = 0;
        long lastAnswer = start;
        for (Slot s : slots) {
            if (!s.done) {
                transport++; // still waiting after the drain limit
                continue;
            }
            latency.add(s.latency);
            requests += s.requests;
            non200 += s.non200;
            transport += s.transportErrors;
            lastAnswer = Math.max(lastAnswer, s.lastAnswer);
        }
        if (!all) {
            System.err.println("bench: some requests were still outstanding after the drain limit");
        }
        return new PhaseResult(requests, non200, transport, -1, latency, lastAnswer - start, -1);
    }

    private void next(Slot slot, long stopSending, CountDownLatch finished) {
        if (System.nanoTime() - stopSending >= 0) {
            slot.done = true;
            finished.countDown();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + targets.next())).GET().build();
        long sentAt = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                slot.transportErrors++;
            } else {
                slot.latency.record((now - sentAt) / 1000);
                slot.requests++;
                slot.lastAnswer = now;
                if (response.statusCode() != 200) {
                    slot.non200++;
                }
            }
            next(slot, stopSending, finished);
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
