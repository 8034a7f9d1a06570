package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An account-wide cause (an expired token, 190) halts every number of the account, not only the one that met it:
 * the account's other numbers stop too, other accounts keep sending, health and the admin API name the account,
 * and clearing the account lets all its waiting messages go out. Each run uses its own account id, so the halt
 * (kept in the shared Redis) touches no other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountHaltTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    private DispatcherEnvironment env;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of("switchboard.dispatcher.pacing.halt-recheck-interval", "200ms"));
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    void anExpiredTokenHaltsEveryNumberOfTheAccountUntilAnOperatorClearsTheAccount() throws Exception {
        String failing = "300000000000001";
        String sibling = "300000000000002";
        String otherAccountNumber = "300000000000003";
        AtomicBoolean tokenRenewed = new AtomicBoolean();
        env.peer.behave(failing, (request, attempt) -> tokenRenewed.get()
                ? CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0)
                : CloudApiPeer.Reply.error(401, 190, "Access token has expired", "Error validating access token"));

        SendCommand first = text(account, failing, "+447700900070", "Your code is 1187");
        env.send(List.of(first));
        await().atMost(WAIT).until(() -> hasEvent(first, MessageEventType.ATTEMPT));

        List<SendCommand> waiting = List.of(text(account, sibling, "+447700900071", "Your parcel is out for delivery"),
                text(account, sibling, "+447700900072", "Your table is booked"),
                text(account, failing, "+447700900073", "Welcome back"));
        SendCommand elsewhere = text("acc_other_" + account, otherAccountNumber, "+447700900074", "Hello");
        env.send(List.of(waiting.get(0), waiting.get(1), waiting.get(2), elsewhere));

        await().atMost(WAIT).until(() -> hasEvent(elsewhere, MessageEventType.SENT));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                env.peer.receivedFrom(sibling).isEmpty() && env.peer.receivedFrom(failing).size() == 1);
        assertThat(waiting).allSatisfy(c -> assertThat(env.eventsOf(c.getMessageId())).isEmpty());
        assertThat(env.call("GET", "/health", false).body()).contains("haltedAccounts").contains(account)
                .contains("190");
        HttpResponse<String> halts = env.call("GET", "/admin/halts", true);
        assertThat(halts.body()).contains("\"account_halts\"").contains(account).contains(failing);
        assertThat(env.call("POST", "/admin/halts/" + failing + "/clear", true).statusCode())
                .as("the number itself is not halted").isEqualTo(404);

        tokenRenewed.set(true);
        assertThat(env.call("POST", "/admin/halts/accounts/" + account + "/clear", false).statusCode()).isEqualTo(401);
        assertThat(env.call("POST", "/admin/halts/accounts/" + account + "/clear", true).statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(List.of(first, waiting.get(0), waiting.get(1),
                waiting.get(2))).allSatisfy(c -> assertThat(hasEvent(c, MessageEventType.SENT)).isTrue()));
        assertThat(env.eventsOf(first.getMessageId())).filteredOn(e -> e.getType() == MessageEventType.ATTEMPT)
                .singleElement().satisfies(e -> {
                    assertThat(e.getError().getCode()).isEqualTo(190);
                    assertThat(e.getError().getReason()).isEqualTo("HALT");
                });
        assertThat(env.call("GET", "/admin/halts", true).body()).doesNotContain(account);
        assertThat(env.call("POST", "/admin/halts/accounts/" + account + "/clear", true).statusCode()).isEqualTo(404);
    }

    private static SendCommand text(String accountId, String phoneNumberId, String recipient, String body) {
        return Commands.base(UUID.randomUUID().toString(), phoneNumberId, recipient, MessageKind.TEXT)
                .setAccountId(accountId)
                .setText(TextContent.newBuilder().setBody(body).setPreviewUrl(false).build()).build();
    }

    private boolean hasEvent(SendCommand command, MessageEventType type) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == type);
    }
}
