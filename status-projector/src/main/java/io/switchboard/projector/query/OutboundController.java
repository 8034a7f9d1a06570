package io.switchboard.projector.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The outbound search over HTTP. {@code GET /internal/accounts/{accountId}/messages} answers one page of the
 * account's messages, newest first ({@code {"messages":[...],"next":{"accepted_at_ms","message_id"}|null}}), with
 * the filters {@link OutboundFilter} reads; 400 {@code INVALID_QUERY}, 503 {@code STORE_NOT_READY}.
 * {@code GET /internal/outbound/partitions} is the part another instance asks of this one: the results of the
 * partitions it owns ({@code ?partitions=0,3}), 503 when it does not own them all.
 */
@Controller
public class OutboundController {

    private final OutboundSearch search;

    public OutboundController(OutboundSearch search) {
        this.search = search;
    }

    @Get(uri = "/internal/accounts/{accountId}/messages", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> page(@PathVariable String accountId, HttpRequest<?> request) {
        OutboundFilter filter;
        try {
            filter = OutboundFilter.parse(accountId, name -> request.getParameters().get(name));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(OutboundBodies.Invalid.of(e.getMessage())));
        }
        return search.search(filter).thenApply(page -> page.<HttpResponse<?>>map(p -> HttpResponse.ok(
                        new OutboundBodies.Page(p.hits().stream().map(PartitionScan.Hit::view).toList(),
                                OutboundBodies.Position.of(p.next()))))
                .orElseGet(OutboundController::notReady));
    }

    @Get(uri = OutboundSearch.PARTITIONS_PATH, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> partitions(@QueryValue("account_id") String accountId,
                                                         @Nullable @QueryValue("partitions") String partitions,
                                                         HttpRequest<?> request) {
        OutboundFilter filter;
        Set<Integer> asked = new TreeSet<>();
        try {
            filter = OutboundFilter.parse(accountId, name -> request.getParameters().get(name));
            for (String partition : (partitions == null ? "" : partitions).split(",")) {
                if (!partition.isBlank()) {
                    asked.add(Integer.parseInt(partition.trim()));
                }
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(OutboundBodies.Invalid.of(e.getMessage())));
        }
        return search.searchOwn(filter, asked).thenApply(results -> results.<HttpResponse<?>>map(r -> HttpResponse.ok(
                        new OutboundBodies.PartitionPages(r.stream().map(OutboundController::page).toList())))
                .orElseGet(OutboundController::notReady));
    }

    private static OutboundBodies.PartitionPage page(PartitionScan.Result result) {
        List<MessageStatusView> views = result.hits().stream().map(PartitionScan.Hit::view).toList();
        return new OutboundBodies.PartitionPage(result.partition(), views,
                OutboundBodies.Position.of(result.frontier()));
    }

    private static HttpResponse<?> notReady() {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(MessageStatusView.ErrorBody.NOT_READY);
    }
}
