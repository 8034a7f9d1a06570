package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.switchboard.ingress.IngressConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Asks the status-projector for one message ({@code GET /internal/messages/{id}}, non-blocking). 200 is the status,
 * 404 "unknown", anything else (503 while it restores or rebalances, a timeout, no connection, an unreadable body)
 * "unavailable": the projector is the single owner of statuses and there is nothing else to ask. It also searches
 * an account's outbound messages, looks up batches, and maps WhatsApp message ids to ours
 * ({@code GET /internal/wamids/{wamid}}) for replies to our messages.
 */
@Singleton
public class StatusQueryClient {

    private static final Logger LOG = LoggerFactory.getLogger(StatusQueryClient.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper WAMID_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public StatusQueryClient(@Client("${switchboard.ingress.status-query-url}") HttpClient http,
                             IngressConfiguration config) {
        this.http = http;
        this.timeout = config.getStatusQueryTimeout();
    }

    public CompletableFuture<Reply> find(String messageId) {
        String path = UriBuilder.of("/internal/messages").path(messageId).build().toString();
        HttpRequest<?> request = HttpRequest.GET(path).accept(MediaType.APPLICATION_JSON_TYPE);
        return Mono.from(http.exchange(request, String.class))
                .timeout(timeout)
                .map(response -> Reply.found(ProjectedStatus.parse(response.body())))
                .onErrorResume(HttpClientResponseException.class, e -> e.getStatus().getCode() == 404
                        ? Mono.just(Reply.notFound())
                        : Mono.just(unavailable(messageId, "HTTP " + e.getStatus().getCode())))
                .onErrorResume(e -> Mono.just(unavailable(messageId, e.toString())))
                .toFuture();
    }

    /**
     * Our message id of a WhatsApp message id ({@code GET /internal/wamids/{wamid}}): the id when the wamid is one
     * of our messages, empty when it is not (404), failed when the projector could not answer.
     */
    public CompletableFuture<java.util.Optional<String>> messageIdOfWamid(String wamid) {
        String path = UriBuilder.of("/internal/wamids").path(wamid).build().toString();
        HttpRequest<?> request = HttpRequest.GET(path).accept(MediaType.APPLICATION_JSON_TYPE);
        return Mono.from(http.exchange(request, String.class))
                .timeout(timeout)
                .map(response -> java.util.Optional.ofNullable(messageIdIn(response.body())))
                .onErrorResume(HttpClientResponseException.class, e -> e.getStatus().getCode() == 404
                        ? Mono.just(java.util.Optional.<String>empty())
                        : Mono.error(new IllegalStateException("status-projector answered HTTP "
                                + e.getStatus().getCode())))
                .toFuture();
    }

    /**
     * One page of an account's outbound messages ({@code GET /internal/accounts/{accountId}/messages} with the
     * projector's query parameters); unavailable when the projector could not answer, refused (with its message)
     * when it found the query invalid.
     */
    public CompletableFuture<SearchReply> search(String accountId, java.util.Map<String, String> query) {
        UriBuilder uri = UriBuilder.of("/internal/accounts").path(accountId).path("messages");
        query.forEach(uri::queryParam);
        HttpRequest<?> request = HttpRequest.GET(uri.build().toString()).accept(MediaType.APPLICATION_JSON_TYPE);
        return Mono.from(http.exchange(request, String.class))
                .timeout(timeout)
                .map(response -> SearchReply.parse(response.body()))
                .onErrorResume(HttpClientResponseException.class, e -> Mono.just(e.getStatus().getCode() == 400
                        ? SearchReply.invalid(e.getResponse().getBody(String.class).orElse(""))
                        : unavailableSearch("HTTP " + e.getStatus().getCode())))
                .onErrorResume(e -> Mono.just(unavailableSearch(e.toString())))
                .toFuture();
    }

    /**
     * Up to 100 messages at once ({@code POST /internal/messages/batch}); unavailable when the projector could not
     * answer for every one of them.
     */
    public CompletableFuture<BatchReply> batch(java.util.List<String> messageIds) {
        HttpRequest<?> request = HttpRequest.POST("/internal/messages/batch",
                        java.util.Map.of("message_ids", messageIds))
                .contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE);
        return Mono.from(http.exchange(request, String.class))
                .timeout(timeout)
                .map(response -> BatchReply.parse(response.body()))
                .onErrorResume(e -> {
                    LOG.warn("status-projector could not answer a batch of {} messages: {}", messageIds.size(),
                            e.toString());
                    return Mono.just(BatchReply.UNAVAILABLE);
                })
                .toFuture();
    }

    private static SearchReply unavailableSearch(String why) {
        LOG.warn("status-projector could not search outbound messages: {}", why);
        return SearchReply.UNAVAILABLE;
    }

    @Nullable
    private static String messageIdIn(@Nullable String body) {
        try {
            String id = WAMID_JSON.readTree(body == null ? "{}" : body).path("message_id").asText("");
            return id.isBlank() ? null : id;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("status-projector answered with invalid JSON", e);
        }
    }

    private static Reply unavailable(String messageId, String why) {
        LOG.warn("status-projector could not answer for message {}: {}", messageId, why);
        return Reply.unavailable();
    }

    /**
     * The projector's answer.
     *
     * @param status the message, when found
     * @param available false when the projector could not answer
     */
    public record Reply(@Nullable ProjectedStatus status, boolean available) {

        static Reply found(ProjectedStatus status) {
            return new Reply(status, true);
        }

        static Reply notFound() {
            return new Reply(null, true);
        }

        static Reply unavailable() {
            return new Reply(null, false);
        }
    }
}
