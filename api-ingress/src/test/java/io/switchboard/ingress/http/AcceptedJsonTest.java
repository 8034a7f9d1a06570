package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.switchboard.ingress.ratelimit.RateWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written 202 body is byte for byte what the framework's serializer writes for the same envelope. */
class AcceptedJsonTest {

    private static ApplicationContext context;
    private static JsonMapper serde;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().deduceEnvironment(false).start();
        serde = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static Stream<Arguments> answers() {
        RateWindow window = new RateWindow(60, 59, Instant.parse("2026-11-21T23:01:00Z"));
        return Stream.of(
                Arguments.of(new Envelopes.MessageAccepted("m-1", "queued", "+15551234567", "order-1", null), window),
                Arguments.of(new Envelopes.MessageAccepted("m-2", "queued", "+15551234567", null, null), window),
                Arguments.of(new Envelopes.MessageAccepted("m-3", "queued", "+15551234567", "q\"uote\\ \u00e9 \u2603 \n",
                        List.of("variable x is not used", "tab\there")), window),
                Arguments.of(new Envelopes.MessageAccepted("m-4", "queued", "+15551234567", "r", List.of()), null),
                Arguments.of(new Envelopes.MessageAccepted("m-5", "queued", "+15551234567",
                        "</script>\u0001\u001f\u007f", null), new RateWindow(1000, 0, Instant.parse("2026-11-22T00:00:00.123Z"))),
                Arguments.of(new Envelopes.MessageAccepted("m-6", "queued", "+15551234567", "order \uD83D\uDE00 1",
                        List.of("\uD83D\uDE00")), window));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void writesWhatTheSerializerWrites(Envelopes.MessageAccepted data, RateWindow window) throws IOException {
        Envelopes.RateLimitMeta rateLimit = window == null ? null : new Envelopes.RateLimitMeta(window.limit(),
                window.remaining(), io.switchboard.ingress.support.Timestamps.iso(window.resetAt()));
        Envelopes.AcceptedEnvelope envelope = new Envelopes.AcceptedEnvelope(true, data,
                new Envelopes.Meta("req_0123456789abcdef", rateLimit));

        String expected = new String(serde.writeValueAsBytes(envelope), StandardCharsets.UTF_8);
        String written = new String(AcceptedJson.write(data, "req_0123456789abcdef", window), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(expected);
    }
}
