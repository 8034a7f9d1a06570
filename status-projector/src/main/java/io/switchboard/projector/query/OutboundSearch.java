package io.switchboard.projector.query;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.switchboard.projector.ProjectorConfig;
import io.switchboard.projector.streams.ProjectorStreams;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.avro.MessageStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Searches an account's outbound messages across every partition of the outbound index (scatter-gather): the
 * instance asked finds each partition's active owner, searches its own partitions on the blocking executor, asks
 * each other owner once for its partitions (forwarded, so they never forward again), and merges the pages
 * ({@link OutboundPages}). Any partition without a settled owner, or whose owner cannot answer, makes the whole
 * search "not ready": a page is never silently missing a partition.
 */
@Singleton
public class OutboundSearch {

    static final String PARTITIONS_PATH = "/internal/outbound/partitions";
    private static final Argument<OutboundBodies.PartitionPages> PARTITION_PAGES =
            Argument.of(OutboundBodies.PartitionPages.class);

    private final ProjectorStreams projector;
    private final OwnerRouter router;
    private final PeerForwarder forwarder;
    private final JsonMapper json;
    private final Executor storeReads;
    private final int scanLimit;

    public OutboundSearch(ProjectorStreams projector, OwnerRouter router, PeerForwarder forwarder, JsonMapper json,
                          ProjectorConfig config, @Named(TaskExecutors.BLOCKING) Executor storeReads) {
        this.projector = projector;
        this.router = router;
        this.forwarder = forwarder;
        this.json = json;
        this.storeReads = storeReads;
        this.scanLimit = config.getSearchScanLimit();
    }

    /** One page of the search, or empty when some partition cannot be searched now. */
    public CompletableFuture<Optional<OutboundPages.Page>> search(OutboundFilter filter) {
        return CompletableFuture.supplyAsync(() -> router.partitionOwners(StatusTopology.OUTBOUND_INDEX_STORE,
                        StatusTopology.FACT_PARTITIONS), storeReads)
                .thenCompose(owners -> owners.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                        : gather(filter, byHost(owners.get())))
                .thenApply(results -> results.map(r -> OutboundPages.merge(r, filter.limit())));
    }

    /** This instance's results for {@code partitions}; empty when it does not own every one of them now. */
    public CompletableFuture<Optional<List<PartitionScan.Result>>> searchOwn(OutboundFilter filter,
                                                                            Set<Integer> partitions) {
        return CompletableFuture.supplyAsync(() -> local(filter, partitions), storeReads);
    }

    private CompletableFuture<Optional<List<PartitionScan.Result>>> gather(OutboundFilter filter,
                                                                          Map<HostInfo, Set<Integer>> byHost) {
        HostInfo self = projector.self().orElse(null);
        List<CompletableFuture<Optional<List<PartitionScan.Result>>>> parts = new ArrayList<>();
        byHost.forEach((host, partitions) -> parts.add(host.equals(self) ? searchOwn(filter, partitions)
                : remote(host, filter, partitions)));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<PartitionScan.Result> all = new ArrayList<>();
            for (CompletableFuture<Optional<List<PartitionScan.Result>>> part : parts) {
                Optional<List<PartitionScan.Result>> results = part.join();
                if (results.isEmpty()) {
                    return Optional.empty();
                }
                all.addAll(results.get());
            }
            return Optional.of(all);
        });
    }

    private Optional<List<PartitionScan.Result>> local(OutboundFilter filter, Set<Integer> partitions) {
        Optional<KafkaStreams> streams = projector.streams().filter(s -> s.state() == KafkaStreams.State.RUNNING);
        if (streams.isEmpty()) {
            return Optional.empty();
        }
        List<PartitionScan.Result> results = new ArrayList<>();
        try {
            for (int partition : partitions) {
                ReadOnlyKeyValueStore<Bytes, byte[]> index = streams.get().store(StoreQueryParameters
                        .fromNameAndType(StatusTopology.OUTBOUND_INDEX_STORE,
                                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(partition));
                ReadOnlyKeyValueStore<String, MessageStatus> messages = streams.get().store(StoreQueryParameters
                        .fromNameAndType(StatusTopology.MESSAGE_STORE,
                                QueryableStoreTypes.<String, MessageStatus>keyValueStore()).withPartition(partition));
                results.add(PartitionScan.scan(partition, index, messages, filter, scanLimit));
            }
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
        return Optional.of(results);
    }

    private CompletableFuture<Optional<List<PartitionScan.Result>>> remote(HostInfo owner, OutboundFilter filter,
                                                                          Set<Integer> partitions) {
        Map<String, String> query = filter.toQuery();
        query.put("account_id", filter.accountId());
        query.put("partitions", String.join(",", partitions.stream().map(String::valueOf).toList()));
        return forwarder.get(owner, PARTITIONS_PATH, query).thenApply(answer -> {
            if (!(answer instanceof QueryAnswer.Relayed relayed) || relayed.status() != 200) {
                return Optional.empty();
            }
            try {
                OutboundBodies.PartitionPages pages = json.readValue(relayed.body(), PARTITION_PAGES);
                return Optional.of(pages.partitions().stream().map(OutboundSearch::result).toList());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private static PartitionScan.Result result(OutboundBodies.PartitionPage page) {
        List<PartitionScan.Hit> hits = page.messages().stream()
                .map(view -> new PartitionScan.Hit(OutboundBodies.positionOf(view), view)).toList();
        return new PartitionScan.Result(page.partition(), hits,
                page.frontier() == null ? null : page.frontier().toPosition());
    }

    private static Map<HostInfo, Set<Integer>> byHost(Map<Integer, HostInfo> owners) {
        Map<HostInfo, Set<Integer>> byHost = new TreeMap<>((a, b) -> (a.host() + ":" + a.port())
                .compareTo(b.host() + ":" + b.port()));
        owners.forEach((partition, host) -> byHost.computeIfAbsent(host, h -> new TreeSet<>()).add(partition));
        return byHost;
    }
}
