package io.switchboard.projector.query;

import io.switchboard.projector.topology.OutboundPosition;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Merges what each partition found into one page, newest first. Each partition looked as far as its frontier (or
 * to the end); the page never goes beyond the nearest frontier, since a partition may hold messages past it that it
 * did not look at: those come on the next page, which starts after the page's last message, or at that frontier when
 * the page is short.
 */
final class OutboundPages {

    private OutboundPages() {
    }

    /** A merged page: its hits, and where the next page starts (null when there is none). */
    record Page(List<PartitionScan.Hit> hits, OutboundPosition next) {
    }

    static Page merge(List<PartitionScan.Result> results, int limit) {
        OutboundPosition cut = results.stream().map(PartitionScan.Result::frontier).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        List<PartitionScan.Hit> hits = results.stream().flatMap(r -> r.hits().stream())
                .filter(hit -> cut == null || !cut.isBefore(hit.position()))
                .sorted(Comparator.comparing(PartitionScan.Hit::position))
                .toList();
        if (hits.size() > limit) {
            return new Page(hits.subList(0, limit), hits.get(limit - 1).position());
        }
        return new Page(hits, cut);
    }
}
