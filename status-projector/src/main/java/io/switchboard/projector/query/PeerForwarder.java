package io.switchboard.projector.query;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.switchboard.projector.ProjectorConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards an interactive query to the projector instance that owns its key, with Micronaut's non-blocking client,
 * and relays the owner's answer (status and JSON body) as it came. The forwarded request is marked, so an instance
 * that is not the owner either (ownership moved meanwhile) answers 503 instead of forwarding again. An owner that
 * does not answer in time, or at all, is a 503 too: the caller retries after the rebalance.
 */
@Singleton
public class PeerForwarder {

    /** Marks a query forwarded by another projector instance. */
    public static final String FORWARDED_HEADER = "X-Switchboard-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(PeerForwarder.class);
    private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

    private final HttpClient client;
    private final ProjectorConfig config;

    public PeerForwarder(@Client("projector-peers") HttpClient client, ProjectorConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * @param collection the query's collection under {@code /internal} ({@code messages}, {@code wamids})
     * @param key        the key owned by {@code owner}
     */
    public CompletableFuture<QueryAnswer> forward(HostInfo owner, String collection, String key) {
        URI uri = UriBuilder.of(base(owner)).path("internal").path(collection).path(key).build();
        return exchange(owner, HttpRequest.GET(uri));
    }

    /** {@code GET path?query} at {@code owner}, marked as forwarded; the answer as it came, or not ready. */
    public CompletableFuture<QueryAnswer> get(HostInfo owner, String path, Map<String, String> query) {
        UriBuilder uri = UriBuilder.of(base(owner)).path(path);
        query.forEach(uri::queryParam);
        return exchange(owner, HttpRequest.GET(uri.build()));
    }

    /** {@code POST path} with a JSON body at {@code owner}, marked as forwarded. */
    public CompletableFuture<QueryAnswer> post(HostInfo owner, String path, Object body) {
        URI uri = UriBuilder.of(base(owner)).path(path).build();
        return exchange(owner, HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private static URI base(HostInfo owner) {
        return URI.create("http://" + owner.host() + ":" + owner.port());
    }

    private CompletableFuture<QueryAnswer> exchange(HostInfo owner, MutableHttpRequest<?> request) {
        request.header(FORWARDED_HEADER, "1").accept(MediaType.APPLICATION_JSON_TYPE);
        return first(client.exchange(request, BYTES, BYTES))
                .orTimeout(config.getForwardTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> error == null ? relay(response) : relayError(owner, error));
    }

    private static QueryAnswer relay(HttpResponse<byte[]> response) {
        return new QueryAnswer.Relayed(response.code(), response.getBody().orElse(new byte[0]));
    }

    private static QueryAnswer relayError(HostInfo owner, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpClientResponseException answered) {
            byte[] body = answered.getResponse().getBody(byte[].class).orElse(new byte[0]);
            return new QueryAnswer.Relayed(answered.code(), body);
        }
        LOG.warn("Owner {}:{} of a queried key did not answer: {}", owner.host(), owner.port(), cause.toString());
        return new QueryAnswer.NotReady("owner unreachable");
    }

    /** The single element of a single-response publisher, as a future. */
    private static <T> CompletableFuture<T> first(Publisher<T> publisher) {
        CompletableFuture<T> result = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(T item) {
                result.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.completeExceptionally(new IllegalStateException("empty response"));
            }
        });
        return result;
    }
}
