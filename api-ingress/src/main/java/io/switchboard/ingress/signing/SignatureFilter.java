package io.switchboard.ingress.signing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteMatch;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ApiResponses;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.http.MessagesController;
import io.switchboard.ingress.http.RequestIds;
import io.switchboard.schemas.avro.ApiKey;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Checks request signatures on every public endpoint ({@code /api/v1/external/**}, present and future) after the key
 * is identified and before any controller reads the body: it sees the raw body bytes exactly as received. Only routed
 * requests are checked (an unknown path stays 404). A refusal is answered here in the API's envelope; otherwise the
 * request continues and the endpoint authenticates and authorises as usual.
 */
@ServerFilter("/api/v1/external/**")
public class SignatureFilter implements Ordered, ConditionalFilter {

    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(SignatureFilter.class);
    private static final byte[] NO_BODY = new byte[0];

    private final ApiKeyAuthenticator authenticator;
    private final SignatureVerifier verifier;
    private final ReplayGuard replays;
    private final ApiResponses responses;
    private final Clock clock;

    public SignatureFilter(ApiKeyAuthenticator authenticator, SignatureVerifier verifier, ReplayGuard replays,
                           ApiResponses responses, Clock clock) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.replays = replays;
        this.responses = responses;
        this.clock = clock;
    }

    /** After the framework's and the ingress's own cheap filters (request id, body size): signing reads the body. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    /**
     * Whether this request needs the filter at all: only when it carries signature headers or its key requires
     * signing. Every other request skips it, and with it the filter's body binding and the reactive continuation
     * around the rest of the request, a measurable share of every unsigned send (docs/BENCHMARKS.md, the ingress
     * profile). Skipping gives the answer {@link #verify} would give: an unsigned request of an unusable key or of a
     * key not requiring signatures goes on.
     */
    @Override
    public boolean isEnabled(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        if (headers.contains(TIMESTAMP_HEADER) || headers.contains(SIGNATURE_HEADER)) {
            return true;
        }
        ApiKey key = authenticator.usableKey(headers.get(MessagesController.API_KEY_HEADER));
        return key != null && key.getRequireSignature();
    }

    @RequestFilter
    public Publisher<MutableHttpResponse<?>> verify(HttpRequest<?> request, @Nullable RouteMatch<?> route,
                                                    @Nullable @Header(MessagesController.API_KEY_HEADER) String apiKey,
                                                    @Nullable @Header(TIMESTAMP_HEADER) String timestamp,
                                                    @Nullable @Header(SIGNATURE_HEADER) String signature,
                                                    @Nullable @Body byte[] body,
                                                    FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        if (route == null) {
            return chain.proceed();
        }
        ApiKey key = authenticator.usableKey(apiKey);
        SignatureVerifier.Verdict verdict = verifier.verify(key, timestamp, signature, request.getMethodName(),
                pathWithQuery(request.getUri()), body == null ? NO_BODY : body, clock.instant());
        if (verdict.isRefused()) {
            return Mono.just(error(request, verdict.error()));
        }
        if (verdict.replayKey() == null) {
            return chain.proceed();
        }
        // The request goes on through the continuation, inside the filter: a filter's future that later completes
        // with "no response" is not a way to continue after an asynchronous check.
        return Mono.fromFuture(replays.claim(verdict.replayKey()).handle((first, failure) -> {
            if (failure != null) {
                LOG.warn("Replay check unavailable, refusing a signed request of key {}: {}", key.getKeyId(),
                        failure.toString());
                return Optional.of(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                        "Signed requests cannot be checked for replay right now; nothing was done. Retry shortly."));
            }
            return first ? Optional.<ApiError>empty() : Optional.of(ApiError.of(ErrorCode.SIGNATURE_REPLAYED,
                    "This signature was already used; sign every request anew with a current X-Timestamp"));
        })).flatMap(refusal -> refusal.isEmpty() ? Mono.from(chain.proceed())
                : Mono.just(error(request, refusal.get())));
    }

    /** The request target as sent: raw (still percent-encoded) path, plus "?" and the raw query when there is one. */
    static String pathWithQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private MutableHttpResponse<?> error(HttpRequest<?> request, ApiError error) {
        return responses.error(RequestIds.of(request), error, null);
    }
}
