package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.webhook.DedupKeys.Filtered;
import io.switchboard.webhook.DedupKeys.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dedup keys of a parsed webhook and filtering by Redis's verdicts. */
class DedupKeysTest {

    private final WebhookParser parser = new WebhookParser();

    @Test
    void statusesAreKeyedByWamidAndStatusWordAndMessagesByTheirId() throws Exception {
        ParsedWebhook parsed = parse(Payloads.batch("k1"));

        assertThat(DedupKeys.of(parsed)).containsExactly("wh:st:wamid.k1-S1:sent", "wh:st:wamid.k1-S2:failed",
                "wh:st:wamid.k1-S3:read", "wh:in:wamid.k1-M1", "wh:in:wamid.k1-M2");
    }

    @Test
    void duplicatesAreDroppedAndOnlyClaimedKeysAreKeptForConfirmation() throws Exception {
        ParsedWebhook parsed = parse(Payloads.batch("k2"));

        Filtered filtered = DedupKeys.filter(parsed, List.of(Verdict.CLAIMED, Verdict.DUPLICATE, Verdict.IN_FLIGHT,
                Verdict.DUPLICATE, Verdict.CLAIMED));

        assertThat(filtered.publish().statuses()).extracting(s -> s.getWamid().toString())
                .containsExactly("wamid.k2-S1", "wamid.k2-S3");
        assertThat(filtered.publish().messages()).extracting(m -> m.getWamid().toString())
                .containsExactly("wamid.k2-M2");
        assertThat(filtered.claimed()).containsExactly("wh:st:wamid.k2-S1:sent", "wh:in:wamid.k2-M2");
        assertThat(filtered.duplicateStatuses()).isEqualTo(1);
        assertThat(filtered.duplicateMessages()).isEqualTo(1);
    }

    @Test
    void verdictsMustMatchTheKeys() throws Exception {
        ParsedWebhook parsed = parse(Payloads.oneStatus("k3"));

        assertThatThrownBy(() -> DedupKeys.filter(parsed, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ParsedWebhook parse(byte[] body) throws Exception {
        return parser.parse(parser.read(body), Instant.parse("2026-01-01T00:00:00Z"));
    }
}
