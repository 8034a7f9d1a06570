package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudApiClientTest {

    private static final String TOKEN = "EAAG-test-token-client";
    private static final byte[] BODY = ("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"+16505551234\",\"type\":\"text\",\"text\":{\"body\":\"hi\"},"
            + "\"biz_opaque_callback_data\":\"m-1\"}").getBytes(StandardCharsets.UTF_8);

    private CloudApiPeer peer;
    private CloudApiClient client;

    @BeforeEach
    void start() throws Exception {
        peer = new CloudApiPeer(TOKEN);
        client = new CloudApiClient(properties(peer.baseUrl(), TOKEN, Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        client.close();
        peer.close();
    }

    @Test
    void anAcceptedMessageYieldsTheWamidThePeerReturned() {
        CloudApiOutcome outcome = client.send("106540352242922", BODY).join();

        assertThat(outcome).isInstanceOf(CloudApiOutcome.Accepted.class);
        assertThat(((CloudApiOutcome.Accepted) outcome).wamid()).isEqualTo(peer.wamidOf("m-1")).startsWith("wamid.");
        assertThat(peer.received()).singleElement().satisfies(r -> {
            assertThat(r.phoneNumberId()).isEqualTo("106540352242922");
            assertThat(r.to()).isEqualTo("+16505551234");
        });
    }

    @Test
    void metasErrorEnvelopeIsParsedIntoCodeTitleAndDetails() {
        peer.fallback((request, attempt) -> CloudApiPeer.Reply.error(400, 131026, "Message undeliverable",
                "Message Undeliverable."));

        CloudApiOutcome.Rejected rejected = (CloudApiOutcome.Rejected) client.send("106540352242922", BODY).join();

        assertThat(rejected.httpStatus()).isEqualTo(400);
        assertThat(rejected.code()).isEqualTo(131026);
        assertThat(rejected.message()).isEqualTo("(#131026) Message undeliverable");
        assertThat(rejected.title()).isEqualTo("Message undeliverable");
        assertThat(rejected.details()).isEqualTo("Message Undeliverable.");
        assertThat(rejected.type()).isEqualTo("OAuthException");
        assertThat(rejected.fbtraceId()).startsWith("A");
    }

    @Test
    void aWrongTokenIsRefusedWithCode190() {
        CloudApiClient wrongToken = new CloudApiClient(properties(peer.baseUrl(), "EAAG-wrong", Duration.ofSeconds(5)));

        CloudApiOutcome.Rejected rejected = (CloudApiOutcome.Rejected) wrongToken.send("1065", BODY).join();

        assertThat(rejected.code()).isEqualTo(190);
        assertThat(new SendOutcomeClassifier().classify(rejected).action()).isEqualTo(SendAction.HALT);
    }

    @Test
    void aBodyThatIsNotMetasEnvelopeKeepsTheStatusAndNoCode() {
        peer.fallback((request, attempt) -> new CloudApiPeer.Reply(502, "<html>Bad gateway</html>", 0));

        CloudApiOutcome.Rejected rejected = (CloudApiOutcome.Rejected) client.send("1065", BODY).join();

        assertThat(rejected.httpStatus()).isEqualTo(502);
        assertThat(rejected.code()).isNull();
        assertThat(rejected.details()).contains("Bad gateway");
        assertThat(rejected.title()).isEqualTo("HTTP 502");
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsAFailureAfterTheRequestWasWritten() {
        CloudApiClient impatient = new CloudApiClient(properties(peer.baseUrl(), TOKEN, Duration.ofMillis(300)));
        peer.fallback((request, attempt) -> CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 3_000));

        CloudApiOutcome outcome = impatient.send("1065", BODY).join();

        assertThat(outcome).isInstanceOfSatisfying(CloudApiOutcome.TransportFailure.class,
                failure -> assertThat(failure.requestWritten()).isTrue());
        assertThat(peer.requestsFor("m-1")).as("the peer did receive it").isEqualTo(1);
    }

    @Test
    void aRefusedConnectionProvesNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CloudApiClient unreachable = new CloudApiClient(properties("http://127.0.0.1:" + closedPort, TOKEN,
                Duration.ofSeconds(5)));

        CloudApiOutcome outcome = unreachable.send("1065", BODY).join();

        assertThat(outcome).isInstanceOfSatisfying(CloudApiOutcome.TransportFailure.class,
                failure -> assertThat(failure.requestWritten()).isFalse());
    }

    @Test
    void anHttp2StreamLimitRefusalProvesNothingWasSentButAResetDoesNot() {
        CloudApiOutcome streamLimit = CloudApiClient.transportFailure(new CompletionException(
                new IOException("too many concurrent streams")), Duration.ZERO);
        CloudApiOutcome reset = CloudApiClient.transportFailure(new CompletionException(
                new IOException("Connection reset")), Duration.ZERO);

        assertThat(((CloudApiOutcome.TransportFailure) streamLimit).requestWritten()).isFalse();
        assertThat(((CloudApiOutcome.TransportFailure) reset).requestWritten()).isTrue();
    }

    @Test
    void concurrentSendsTakeTurnsOverTheClientsAndAreAnsweredOnTheClientsOwnThreads() {
        peer.fallback((request, attempt) -> CloudApiPeer.Reply.accepted(peer.wamidOf(request.messageId()),
                request.to(), 200));
        CloudApiProperties properties = properties(peer.baseUrl(), TOKEN, Duration.ofSeconds(5));
        properties.setClients(3);
        CloudApiClient several = new CloudApiClient(properties);
        try {
            // The peer holds every answer 200 ms, so each continuation below is attached before its answer arrives
            // and runs on the thread that completes the future.
            List<CompletableFuture<String>> threads = IntStream.range(0, 30)
                    .mapToObj(i -> several.send("106540352242922", BODY)
                            .thenApply(outcome -> outcome instanceof CloudApiOutcome.Accepted
                                    ? Thread.currentThread().getName() : "not accepted: " + outcome))
                    .toList();

            assertThat(threads).extracting(CompletableFuture::join)
                    .allSatisfy(thread -> assertThat(thread).startsWith("dispatcher-http-"));
            assertThat(peer.received()).hasSize(30);
        } finally {
            several.close();
        }
    }

    @Test
    void theMessagesUrlCarriesVersionAndPhoneNumberId() {
        assertThat(client.messagesUri("106540352242922").toString())
                .isEqualTo(peer.baseUrl() + "/v23.0/106540352242922/messages");
    }

    static CloudApiProperties properties(String baseUrl, String token, Duration timeout) {
        CloudApiProperties properties = new CloudApiProperties();
        properties.setBaseUrl(baseUrl + "/");
        properties.setAccessToken(token);
        properties.setRequestTimeout(timeout);
        properties.setConnectTimeout(Duration.ofSeconds(2));
        return properties;
    }
}
