package dev.kforge.tgr.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a response body of at most {@code limit} bytes, and stops receiving, failing with
 * {@link TooLargeException}, once it grows beyond: {@code BodyHandlers.ofByteArray()} keeps whatever the upstream
 * sends, so a misbehaving one could take the heap.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body grew beyond the limit; the status and headers had arrived. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient HttpResponse.ResponseInfo info;

        TooLargeException(HttpResponse.ResponseInfo info, int limit) {
            super("body over " + limit + " bytes");
            this.info = info;
        }

        HttpResponse.ResponseInfo info() {
            return info;
        }
    }

    private final HttpResponse.ResponseInfo info;
    private final int limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(HttpResponse.ResponseInfo info, int limit) {
        this.info = info;
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> new BoundedBody(info, limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
        subscription = value;
        value.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (body.isDone()) {
                return;
            }
            if (received.size() + buffer.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLargeException(info, limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
