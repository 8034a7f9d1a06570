package io.switchboard.ingress.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query string of the inbound listing: defaults, every accepted spelling, and every refusal with its code. */
class InboxQueryTest {

    private static final InboxConfiguration CONFIG = new InboxConfiguration();

    @Test
    void defaultsToInboundFiftyNewestWithoutFilters() throws Exception {
        InboxQuery query = InboxQuery.parse(Map.<String, String>of()::get, CONFIG);

        assertThat(query).isEqualTo(new InboxQuery(null, null, null, 50, null));
    }

    @ParameterizedTest
    @CsvSource({"+919876543210", "' 919876543210'", "919876543210"})
    void fromAcceptsAPlusSentUnencodedOrLeftOut(String from) throws Exception {
        assertThat(InboxQuery.parse(Map.of("from", from)::get, CONFIG).from()).isEqualTo("+919876543210");
    }

    @Test
    void timesTakeAnyOffsetAndTheCursorRoundTrips() throws Exception {
        InboxQuery.Position position = new InboxQuery.Position(1766138400000L, "wamid.HBgM:with:colons");
        InboxQuery query = InboxQuery.parse(Map.of("direction", "Inbound", "since", "2025-12-19T15:30:00 05:30",
                "until", "2025-12-20T00:00:00Z", "limit", "100", "cursor", position.encode())::get, CONFIG);

        assertThat(query.since()).isEqualTo(Instant.parse("2025-12-19T10:00:00Z"));
        assertThat(query.until()).isEqualTo(Instant.parse("2025-12-20T00:00:00Z"));
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.cursor()).isEqualTo(position);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "direction|outbound|VALIDATION_ERROR|direction=outbound is not supported",
            "direction|both|VALIDATION_ERROR|direction must be inbound",
            "from|+0123|INVALID_PHONE_NUMBER|E.164",
            "limit|0|VALIDATION_ERROR|limit must be a whole number from 1 to 100",
            "limit|1e3|VALIDATION_ERROR|limit must be",
            "since|2025-12-19|VALIDATION_ERROR|since must be an ISO-8601 date-time",
            "cursor|not a cursor|VALIDATION_ERROR|cursor is not valid"})
    void refusalsNameTheParameter(String name, String value, String code, String message) {
        assertThatThrownBy(() -> InboxQuery.parse(Map.of(name, value)::get, CONFIG))
                .isInstanceOfSatisfying(InboxQuery.Invalid.class, e -> {
                    assertThat(e.error().code().name()).isEqualTo(code);
                    assertThat(e.error().message()).contains(message);
                });
    }

    @Test
    void sinceMustBeBeforeUntil() {
        assertThatThrownBy(() -> InboxQuery.parse(Map.of("since", "2025-12-19T10:00:00Z",
                "until", "2025-12-19T10:00:00Z")::get, CONFIG)).hasMessageContaining("since must be before until");
    }
}
