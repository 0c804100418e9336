package dev.kforge.tgr.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that breaks HTTP where {@link FakeHttpServer} cannot: to every connection on 127.0.0.1 it writes
 * the same bytes, whatever they are (half an answer, not HTTP at all), and closes the connection.
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] answer;
    private final AtomicInteger connections = new AtomicInteger();

    private RawUpstream(String answer) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
        Thread acceptor = new Thread(this::serve, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every connection with {@code answer} (ISO-8859-1 bytes) once the client has sent its first bytes. */
    public static RawUpstream answering(String answer) throws IOException {
        return new RawUpstream(answer);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The same port as an https URL, whose TLS client hello gets the plain answer. */
    public URI httpsUrl() {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }

    public int connections() {
        return connections.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.getInputStream().read(new byte[16 * 1024]); // the request, or a TLS client hello
                OutputStream out = client.getOutputStream();
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                // closed by close(), or the client went away
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
