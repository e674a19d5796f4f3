package io.portcullis.keys;

import io.portcullis.keys.KeyFetchListener.Failure;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the body of a 200 response into memory up to a cap, and refuses anything else without
 * reading it. The cap is enforced as bytes arrive, so an endless or huge body costs at most the
 * cap plus one buffer; a declared {@code Content-Length} over the cap is refused before reading.
 *
 * <p>One handler serves one exchange; {@link #abort} stops the body from outside, such as when
 * the whole response took too long.
 */
final class LimitedBodyHandler implements BodyHandler<byte[]> {

    private static final int HTTP_OK = 200;

    private final int maxBytes;
    private volatile LimitedSubscriber subscriber;
    private volatile KeyFetchException aborted;

    LimitedBodyHandler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public BodySubscriber<byte[]> apply(ResponseInfo info) {
        LimitedSubscriber made = new LimitedSubscriber(maxBytes);
        subscriber = made;
        // Published before reading aborted, so that a concurrent abort sees one or the other.
        KeyFetchException refusal = aborted != null ? aborted : refusal(info);
        if (refusal != null) {
            made.fail(refusal);
        }
        return made;
    }

    /** Stops reading the body, if it is being read, and fails it with {@code reason}. */
    void abort(KeyFetchException reason) {
        aborted = reason;
        LimitedSubscriber current = subscriber;
        if (current != null) {
            current.fail(reason);
        }
    }

    private KeyFetchException refusal(ResponseInfo info) {
        int status = info.statusCode();
        if (status >= 300 && status < 400) {
            String location = info.headers().firstValue("Location").orElse("nowhere");
            return new KeyFetchException(Failure.HTTP_STATUS, "HTTP " + status
                    + " redirect to " + location + " not followed");
        }
        if (status != HTTP_OK) {
            return new KeyFetchException(Failure.HTTP_STATUS, "HTTP " + status);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        if (declared > maxBytes) {
            return new KeyFetchException(Failure.TOO_LARGE, "response of " + declared
                    + " bytes is over the cap of " + maxBytes + " bytes");
        }
        return null;
    }

    /** Collects the body a buffer at a time, failing once it passes the cap. */
    private static final class LimitedSubscriber implements BodySubscriber<byte[]> {
        private final int maxBytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        LimitedSubscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (body.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int length = buffer.remaining();
                if ((long) received.size() + length > maxBytes) {
                    fail(new KeyFetchException(Failure.TOO_LARGE,
                            "response is over the cap of " + maxBytes + " bytes"));
                    return;
                }
                byte[] bytes = new byte[length];
                buffer.get(bytes);
                received.write(bytes, 0, length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(received.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        /** Fails the body and cancels the subscription, closing the connection. */
        void fail(KeyFetchException reason) {
            body.completeExceptionally(reason);
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
