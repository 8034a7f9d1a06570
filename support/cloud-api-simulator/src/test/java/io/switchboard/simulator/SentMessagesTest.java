package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SentMessagesTest {

    @Test
    void keepsOnlyTheNewestMessagesUpToTheHistorySize() {
        SimulatorConfig config = new SimulatorConfig();
        config.setHistorySize(3);
        SentMessages messages = new SentMessages(config);

        for (int i = 1; i <= 5; i++) {
            messages.add(message("wamid." + i));
        }

        assertThat(messages.recent(10)).extracting(SentMessage::wamid)
                .containsExactly("wamid.5", "wamid.4", "wamid.3");
        assertThat(messages.recent(2)).extracting(SentMessage::wamid).containsExactly("wamid.5", "wamid.4");
        assertThat(messages.find("wamid.1")).isEmpty();
        assertThat(messages.find("wamid.3")).isPresent();
        assertThat(messages.clear()).isEqualTo(3);
        assertThat(messages.size()).isZero();
    }

    @Test
    void makesMetaShapedPathSafeWamidsThatDoNotCarryThePhoneNumber() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String wamid = Identifiers.newWamid();
            assertThat(wamid).startsWith("wamid.HBgM").doesNotContain("+", "/");
            seen.add(wamid);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void masksPhoneNumbersLikeTheServicesDo() {
        assertThat(Identifiers.maskPhone("+919876543210")).isEqualTo("+91******3210");
        assertThat(Identifiers.maskPhone("919876543210")).isEqualTo("91******3210");
        assertThat(Identifiers.maskPhone("+1234567")).isEqualTo("+*******");
        assertThat(Identifiers.maskPhone(null)).isEqualTo("null");
    }

    private static SentMessage message(String wamid) {
        return new SentMessage(wamid, "1", "+919876543210", "919876543210", "text", null,
                "2025-01-01T00:00:00Z", JsonNode.createObjectNode(Map.of()));
    }
}
