package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendOutcomeClassifierTest {

    private final SendOutcomeClassifier classifier = new SendOutcomeClassifier();

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
            // transient: try again
            "1, RETRY, true", "2, RETRY, false", "131000, RETRY, true", "131016, RETRY, false",
            "133004, RETRY, false", "131057, RETRY, false", "131053, RETRY, false",
            // throttled: try again, later
            "4, THROTTLE, false", "80007, THROTTLE, false", "130429, THROTTLE, false", "131056, THROTTLE, false",
            "131048, THROTTLE, false", "133016, THROTTLE, false",
            // permanent: fail with WhatsApp's code
            "100, PERMANENT, false", "131008, PERMANENT, false", "131009, PERMANENT, false",
            "131026, PERMANENT, false", "131047, PERMANENT, false", "131049, PERMANENT, false",
            "131050, PERMANENT, false", "131051, PERMANENT, false", "130403, PERMANENT, false",
            "130472, PERMANENT, false", "135000, PERMANENT, false", "132000, PERMANENT, false",
            "132001, PERMANENT, false", "132005, PERMANENT, false", "132007, PERMANENT, false",
            "132012, PERMANENT, false", "132015, PERMANENT, false", "132016, PERMANENT, false",
            "132068, PERMANENT, false", "132069, PERMANENT, false",
            // halt: the number or account cannot send
            "0, HALT, false", "190, HALT, false", "3, HALT, false", "10, HALT, false", "200, HALT, false",
            "250, HALT, false", "299, HALT, false", "131005, HALT, false", "368, HALT, false",
            "131031, HALT, false", "130497, HALT, false", "131042, HALT, false", "131064, HALT, false",
            "33, HALT, false", "131021, HALT, false", "131037, HALT, false", "131045, HALT, false",
            "133010, HALT, false", "131063, HALT, false", "134011, HALT, false",
            // unknown: a few tries only
            "999999, RETRY, true", "131052, RETRY, true", "300, RETRY, true"
    })
    void everyMetaErrorCodeHasOneAction(int code, SendAction expected, boolean limited) {
        Classification verdict = classifier.classify(rejected(400, code, "(#" + code + ") Some title"));

        assertThat(verdict.action()).isEqualTo(expected);
        assertThat(verdict.limited()).isEqualTo(limited);
        assertThat(verdict.error().getCode()).isEqualTo(code);
        assertThat(verdict.error().getTitle()).isEqualTo("Some title");
    }

    @ParameterizedTest(name = "HTTP {0} without a code -> {1}")
    @CsvSource({"500, RETRY, false", "502, RETRY, false", "503, RETRY, false", "504, RETRY, false",
            "408, RETRY, false", "429, THROTTLE, false", "401, HALT, false", "403, HALT, false",
            "400, RETRY, true", "404, RETRY, true"})
    void httpStatusDecidesOnlyWithoutAnErrorCode(int status, SendAction expected, boolean limited) {
        Classification verdict = classifier.classify(rejected(status, null, null));

        assertThat(verdict.action()).isEqualTo(expected);
        assertThat(verdict.limited()).isEqualTo(limited);
        assertThat(verdict.error().getCode()).isNull();
        assertThat(verdict.error().getTitle()).isEqualTo("HTTP " + status);
    }

    @Test
    void theErrorCodeWinsOverTheHttpStatus() {
        assertThat(classifier.classify(rejected(500, 131026, "(#131026) Message undeliverable")).action())
                .isEqualTo(SendAction.PERMANENT);
        assertThat(classifier.classify(rejected(400, 130429, "(#130429) Rate limit hit")).action())
                .isEqualTo(SendAction.THROTTLE);
    }

    @Test
    void acceptedIsSent() {
        Classification verdict = classifier.classify(
                new CloudApiOutcome.Accepted(200, "wamid.HBgL", "accepted", Duration.ofMillis(80)));

        assertThat(verdict.action()).isEqualTo(SendAction.SENT);
        assertThat(verdict.error()).isNull();
    }

    @Test
    void aFailureBeforeTheRequestWasWrittenIsRetried() {
        Classification verdict = classifier.classify(
                new CloudApiOutcome.TransportFailure(false, "ConnectException: Connection refused", Duration.ZERO));

        assertThat(verdict.action()).isEqualTo(SendAction.RETRY);
        assertThat(verdict.limited()).isFalse();
        assertThat(verdict.error().getReason()).isEqualTo("CONNECT_FAILED");
    }

    @Test
    void noAnswerAfterTheRequestWasWrittenIsAmbiguous() {
        Classification verdict = classifier.classify(
                new CloudApiOutcome.TransportFailure(true, "HttpTimeoutException: request timed out",
                        Duration.ofSeconds(10)));

        assertThat(verdict.action()).isEqualTo(SendAction.AMBIGUOUS);
        assertThat(verdict.error().getReason()).isEqualTo("TIMEOUT_AFTER_WRITE");
        assertThat(verdict.error().getDetail()).contains("timed out");
    }

    @Test
    void theErrorKeepsMetasTitleAndDetails() {
        Classification verdict = classifier.classify(new CloudApiOutcome.Rejected(400, 131026,
                "(#131026) Message undeliverable", "Message Undeliverable.", "OAuthException", "AbC", Duration.ZERO));

        assertThat(verdict.error().getCode()).isEqualTo(131026);
        assertThat(verdict.error().getTitle()).isEqualTo("Message undeliverable");
        assertThat(verdict.error().getDetail()).isEqualTo("Message Undeliverable.");
        assertThat(verdict.error().getReason()).isEqualTo("PERMANENT");
    }

    @ParameterizedTest(name = "HALT code {0} halts the account: {1}")
    @CsvSource({"0, true", "190, true", "3, true", "10, true", "200, true", "299, true", "131005, true",
            "131031, true", "131042, true", "368, true", "130497, true",
            "33, false", "131021, false", "131037, false", "131045, false", "133010, false", "131063, false",
            "131064, false", "134011, false"})
    void accountWideCausesHaltTheAccountAndNumberCausesOnlyTheNumber(int code, boolean account) {
        Classification verdict = classifier.classify(rejected(400, code, "(#" + code + ") Halted"));

        assertThat(SendOutcomeClassifier.haltsAccount(verdict)).isEqualTo(account);
    }

    @Test
    void anAuthenticationRefusalWithoutACodeHaltsTheAccountAndNoOtherVerdictHaltsAnything() {
        assertThat(SendOutcomeClassifier.haltsAccount(classifier.classify(rejected(401, null, "Unauthorized"))))
                .isTrue();
        assertThat(SendOutcomeClassifier.haltsAccount(classifier.classify(rejected(400, 131026, "(#131026) x"))))
                .isFalse();
    }

    private static CloudApiOutcome.Rejected rejected(int status, Integer code, String message) {
        return new CloudApiOutcome.Rejected(status, code, message, "details", "OAuthException", "Az8or2yhqkZfEZ",
                Duration.ofMillis(120));
    }
}
