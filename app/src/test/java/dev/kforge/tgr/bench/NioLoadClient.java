package dev.kforge.tgr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator used by the benchmark: non-blocking sockets and one selector per client thread (by default
 * a single thread for all connections, as one wrk thread does), HTTP/1.1 keep-alive, one request in flight per
 * connection. Answers are parsed just enough to find the status and where the body ends (Content-Length or
 * chunked); bodies are read into one direct buffer per thread and dropped, so the client allocates almost
 * nothing per request and leaves the CPU to the server under test.
 */
final class NioLoadClient implements LoadClient {

    private static final int READ_BUFFER = 256 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final InetSocketAddress address;
    private final Targets targets;
    private final List<Worker> workers = new ArrayList<>();

    NioLoadClient(InetSocketAddress address, int connections, int threads, Targets targets) throws IOException {
        this.address = address;
        this.targets = targets;
        int n = Math.max(1, Math.min(threads, connections));
        for (int i = 0; i < n; i++) {
            workers.add(new Worker());
        }
        for (int i = 0; i < connections; i++) {
            workers.get(i % n).open();
        }
    }

    @Override
    public String describe() {
        return "non-blocking sockets (NIO), " + workers.size() + " thread" + (workers.size() == 1 ? "" : "s")
                + ", one keep-alive connection per unit of concurrency";
    }

    @Override
    public PhaseResult run(Duration duration, Duration drainLimit) throws InterruptedException {
        long start = System.nanoTime();
        long stopSending = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Worker w : workers) {
            Thread t = new Thread(() -> {
                try {
                    w.phase(stopSending, drainLimit.toNanos());
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("load client failed: " + failure.get(), failure.get());
        }
        LatencyHistogram latency = new LatencyHistogram();
        long requests = 0;
        long non200 = 0;
        long transport = 0;
        long bytes = 0;
        long lastAnswer = start;
        long cpu = 0;
        for (Worker w : workers) {
            cpu += w.cpuNanos;
            latency.add(w.latency);
            requests += w.requests;
            non200 += w.non200;
            transport += w.transportErrors;
            bytes += w.bytes;
            lastAnswer = Math.max(lastAnswer, w.lastAnswer);
        }
        return new PhaseResult(requests, non200, transport, bytes, latency, lastAnswer - start, cpu);
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.close();
        }
    }

    /** One thread's share of the connections, with its selector, buffer and per-phase counters. */
    private final class Worker {
        private final Selector selector;
        private final List<Connection> connections = new ArrayList<>();
        private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        private String lastTarget;
        private byte[] lastRequest;

        private boolean sending;
        private int outstanding;
        private LatencyHistogram latency;
        private long requests;
        private long non200;
        private long transportErrors;
        private long bytes;
        private long lastAnswer;
        private long cpuNanos;

        Worker() throws IOException {
            selector = Selector.open();
        }

        void open() throws IOException {
            Connection c = new Connection();
            c.connect();
            connections.add(c);
        }

        void phase(long stopSending, long drainNanos) throws IOException {
            long cpuAtStart = THREADS.getCurrentThreadCpuTime();
            try {
                loop(stopSending, drainNanos);
            } finally {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            }
        }

        private void loop(long stopSending, long drainNanos) throws IOException {
            latency = new LatencyHistogram();
            requests = 0;
            non200 = 0;
            transportErrors = 0;
            bytes = 0;
            lastAnswer = 0;
            sending = true;
            for (Connection c : connections) {
                try {
                    c.send();
                } catch (IOException e) {
                    c.fail();
                }
            }
            long drainDeadline = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (sending && now - stopSending >= 0) {
                    sending = false;
                    drainDeadline = now + drainNanos;
                }
                if (!sending && outstanding == 0) {
                    return;
                }
                if (!sending && now - drainDeadline >= 0) {
                    for (Connection c : connections) {
                        if (c.outstanding) {
                            c.fail(); // no answer within the drain limit: counted, and the connection replaced
                        }
                    }
                    return;
                }
                if (selector.select(10) == 0) {
                    continue;
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection c = (Connection) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isWritable()) {
                            c.flush();
                        } else if (key.isReadable()) {
                            c.read();
                        }
                    } catch (IOException e) {
                        c.fail();
                    }
                }
            }
        }

        byte[] request(String target) {
            // The hits scenario returns the same String every time: encode it once.
            if (target != lastTarget) {
                lastTarget = target;
                lastRequest = ("GET " + target + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                        + address.getPort() + "\r\nUser-Agent: tgr-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            return lastRequest;
        }

        void close() {
            for (Connection c : connections) {
                c.closeQuietly();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        /** One keep-alive connection and the state of the answer being parsed on it. */
        private final class Connection {
            private static final int HEAD = 0;
            private static final int BODY = 1;
            private static final int CHUNK_SIZE = 2;
            private static final int CHUNK_DATA = 3;
            private static final int CHUNK_END = 4;
            private static final int TRAILER = 5;

            private SocketChannel channel;
            private SelectionKey key;
            private ByteBuffer out;
            private boolean outstanding;
            private long sentAt;

            private int state;
            private final byte[] head = new byte[MAX_HEAD];
            private int headLength;
            private int status;
            private long remaining;
            private boolean closeAfter;
            private long chunkSize;
            private int lineLength;

            void connect() throws IOException {
                channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(address); // blocking: loopback connects at once
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_READ, this);
            }

            void send() throws IOException {
                out = ByteBuffer.wrap(request(targets.next()));
                state = HEAD;
                headLength = 0;
                outstanding = true;
                Worker.this.outstanding++;
                sentAt = System.nanoTime();
                flush();
            }

            void flush() throws IOException {
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }

            void read() throws IOException {
                do {
                    in.clear();
                    int n = channel.read(in);
                    if (n < 0 && !outstanding) {
                        closeQuietly(); // an idle connection closed by the server: no request lost
                        connect();
                        return;
                    }
                    if (n < 0) {
                        throw new IOException("connection closed by the server");
                    }
                    if (n == 0) {
                        return;
                    }
                    if (!outstanding) {
                        throw new IOException("bytes received with no request outstanding");
                    }
                    bytes += n;
                    in.flip();
                    if (parse()) {
                        long now = System.nanoTime();
                        latency.record((now - sentAt) / 1000);
                        lastAnswer = now;
                        requests++;
                        if (status != 200) {
                            non200++;
                        }
                        outstanding = false;
                        Worker.this.outstanding--;
                        if (in.hasRemaining()) {
                            throw new IOException("bytes after the end of an answer");
                        }
                        if (closeAfter) {
                            closeQuietly();
                            connect();
                        }
                        if (sending) {
                            send();
                        }
                    }
                } while (outstanding);
            }

            /** A transport failure: counted once, and the connection replaced (and used again while sending). */
            void fail() {
                if (outstanding) {
                    outstanding = false;
                    Worker.this.outstanding--;
                }
                transportErrors++;
                closeQuietly();
                try {
                    connect();
                    if (sending) {
                        send();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot reconnect to " + address + ": " + e, e);
                }
            }

            void closeQuietly() {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing
                }
            }

            /** Consumes {@link #in}; true when the answer is complete. */
            private boolean parse() throws IOException {
                while (in.hasRemaining()) {
                    switch (state) {
                        case HEAD -> {
                            if (headLength == MAX_HEAD) {
                                throw new IOException("answer headers larger than " + MAX_HEAD + " bytes");
                            }
                            byte b = in.get();
                            head[headLength++] = b;
                            if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r'
                                    && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                                if (endOfHead()) {
                                    return true;
                                }
                            }
                        }
                        case BODY -> {
                            int n = (int) Math.min(remaining, in.remaining());
                            in.position(in.position() + n);
                            remaining -= n;
                            if (remaining == 0) {
                                return true;
                            }
                        }
                        case CHUNK_SIZE -> {
                            byte b = in.get();
                            if (b == '\n') {
                                if (chunkSize == 0) {
                                    state = TRAILER;
                                    lineLength = 0;
                                } else {
                                    remaining = chunkSize;
                                    state = CHUNK_DATA;
                                }
                            } else if (lineLength >= 0) {
                                int digit = Character.digit(b, 16);
                                if (digit >= 0) {
                                    chunkSize = chunkSize * 16 + digit;
                                } else {
                                    lineLength = -1; // ';' extension or '\r': ignore up to the end of the line
                                }
                            }
                        }
                        case CHUNK_DATA -> {
                            int n = (int) Math.min(remaining, in.remaining());
                            in.position(in.position() + n);
                            remaining -= n;
                            if (remaining == 0) {
                                state = CHUNK_END;
                            }
                        }
                        case CHUNK_END -> {
                            if (in.get() == '\n') {
                                state = CHUNK_SIZE;
                                chunkSize = 0;
                                lineLength = 0;
                            }
                        }
                        case TRAILER -> {
                            byte b = in.get();
                            if (b == '\n') {
                                if (lineLength == 0) {
                                    return true;
                                }
                                lineLength = 0;
                            } else if (b != '\r') {
                                lineLength++;
                            }
                        }
                        default -> throw new IllegalStateException("state " + state);
                    }
                }
                return false;
            }

            /** Reads the status and framing headers; true when the answer has no body. */
            private boolean endOfHead() throws IOException {
                String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
                if (!text.startsWith("HTTP/1.1 ") && !text.startsWith("HTTP/1.0 ")) {
                    throw new IOException("not an HTTP/1.x answer");
                }
                status = Integer.parseInt(text.substring(9, 12));
                closeAfter = text.startsWith("HTTP/1.0 ");
                long contentLength = -1;
                boolean chunked = false;
                int lineStart = text.indexOf("\r\n") + 2;
                while (lineStart < text.length() - 2) {
                    int lineEnd = text.indexOf("\r\n", lineStart);
                    int colon = text.indexOf(':', lineStart);
                    if (colon > 0 && colon < lineEnd) {
                        String name = text.substring(lineStart, colon).trim().toLowerCase(Locale.ROOT);
                        String value = text.substring(colon + 1, lineEnd).trim().toLowerCase(Locale.ROOT);
                        switch (name) {
                            case "content-length" -> contentLength = Long.parseLong(value);
                            case "transfer-encoding" -> chunked = value.contains("chunked");
                            case "connection" -> closeAfter = value.contains("close")
                                    || (closeAfter && !value.contains("keep-alive"));
                            default -> {
                            }
                        }
                    }
                    lineStart = lineEnd + 2;
                }
                if (chunked) {
                    state = CHUNK_SIZE;
                    chunkSize = 0;
                    lineLength = 0;
                    return false;
                }
                if (contentLength < 0) {
                    throw new IOException("answer without Content-Length or chunked encoding");
                }
                if (contentLength == 0) {
                    return true;
                }
                remaining = contentLength;
                state = BODY;
                return false;
            }
        }
    }
}
