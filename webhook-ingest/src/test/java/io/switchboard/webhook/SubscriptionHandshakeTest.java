package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionHandshakeTest {

    private final SubscriptionHandshake handshake = new SubscriptionHandshake("meatyhamhock");

    @Test
    void echoesTheChallengeForASubscriptionWithOurToken() {
        assertThat(handshake.answer("subscribe", "meatyhamhock", "1158201444")).contains("1158201444");
    }

    @Test
    void refusesAnotherToken() {
        assertThat(handshake.answer("subscribe", "meatyhamhocks", "1158201444")).isEmpty();
        assertThat(handshake.answer("subscribe", "", "1158201444")).isEmpty();
        assertThat(handshake.answer("subscribe", null, "1158201444")).isEmpty();
    }

    @Test
    void refusesAnotherModeOrNoChallenge() {
        assertThat(handshake.answer("unsubscribe", "meatyhamhock", "1158201444")).isEmpty();
        assertThat(handshake.answer(null, "meatyhamhock", "1158201444")).isEmpty();
        assertThat(handshake.answer("subscribe", "meatyhamhock", null)).isEmpty();
    }
}
