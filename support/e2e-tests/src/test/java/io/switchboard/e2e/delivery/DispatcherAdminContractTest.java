package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.OpenApiContract;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher's admin API against the OpenAPI document, with real halts and dead letters: a number halted by
 * 133010 and an account halted by 190 are listed and cleared (then clearing again is 404), a message that exhausted
 * its retries is listed as a dead letter with its attempts and replayed; a missing token and an empty replay are
 * refused. Every answer is checked with the Atlassian validator (status documented, body as its schema).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherAdminContractTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HALTED_NUMBER = "109000000000061";
    private static final String HALTED_ACCOUNT_NUMBER = "109000000000071";
    private static final String DOOMED_NUMBER = "109000000000081";

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> problems = new ArrayList<>();
    private DeliveryRig rig;
    private OpenApiContract contract;

    @BeforeAll
    void start() {
        rig = DeliveryRig.shared();
        contract = OpenApiContract.fromRepository(DeliveryRig.repositoryRoot());
    }

    @AfterAll
    void cleanUp() {
        rig.simulator.putFaults("{\"errors\":[]}");
    }

    @Test
    void haltsAndDeadLettersAnswerAsDocumented() {
        String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
        rig.simulator.putFaults("""
                {"errors":[{"code":133010,"count":1,"phone_number_id":"%s"},
                           {"code":190,"count":1,"phone_number_id":"%s"},
                           {"code":131016,"count":50,"phone_number_id":"%s"}]}"""
                .formatted(HALTED_NUMBER, HALTED_ACCOUNT_NUMBER, DOOMED_NUMBER));
        SendCommand halting = DeliveryRig.text("acc_numbers", HALTED_NUMBER, "+447700900601", "Code 1", null);
        SendCommand tokenExpired = DeliveryRig.text(account, HALTED_ACCOUNT_NUMBER, "+447700900701", "Code 2", null);
        SendCommand doomed = DeliveryRig.text("acc_numbers", DOOMED_NUMBER, "+447700900801", "Your invoice", null);
        rig.send(List.of(halting, tokenExpired, doomed));
        await().atMost(WAIT).until(() -> rig.events.has(halting.getMessageId(), MessageEventType.ATTEMPT)
                && rig.events.has(tokenExpired.getMessageId(), MessageEventType.ATTEMPT)
                && rig.events.deadLetter(doomed.getMessageId()) != null);

        String halts = call("GET", "/admin/halts", null, true, 200);
        assertThat(halts).contains(HALTED_NUMBER).contains(account);
        call("POST", "/admin/halts/" + HALTED_NUMBER + "/clear", null, true, 200);
        call("POST", "/admin/halts/" + HALTED_NUMBER + "/clear", null, true, 404);
        call("POST", "/admin/halts/accounts/" + account + "/clear", null, true, 200);
        call("POST", "/admin/halts/accounts/" + account + "/clear", null, true, 404);

        assertThat(call("GET", "/admin/dead-letters?offset=0&limit=10", null, true, 200))
                .contains(doomed.getMessageId()).contains("131016");
        rig.simulator.putFaults("{\"errors\":[]}");
        String replayed = call("POST", "/admin/dead-letters/replay", "{\"message_ids\":[\""
                + doomed.getMessageId() + "\",\"" + UUID.randomUUID() + "\"]}", true, 200);
        assertThat(replayed).contains(doomed.getMessageId());
        call("POST", "/admin/dead-letters/replay", "{}", true, 400);
        call("GET", "/admin/halts", null, false, 401);
        await().atMost(WAIT).until(() -> rig.events.has(halting.getMessageId(), MessageEventType.SENT));

        assertThat(problems).as("answers that do not match the document").isEmpty();
    }

    /** One admin call to the dispatcher, its answer checked against the document; answers the body. */
    private String call(String method, String path, String json, boolean withToken, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rig.dispatcher().url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        List<String> headers = new ArrayList<>();
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        if (withToken) {
            headers.addAll(List.of("Authorization", "Bearer " + DeliveryRig.ADMIN_TOKEN));
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        HttpResponse<String> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        String mismatch = contract.problems(method, answer, json, status == 200, headers.toArray(String[]::new));
        if (!mismatch.isEmpty()) {
            problems.add(method + " " + path + " -> " + status + " " + answer.body() + "\n  " + mismatch);
        }
        return answer.body();
    }
}
