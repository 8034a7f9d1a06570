package io.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The examples' copy of the contract is the platform's catalogue. */
class SwitchboardTopicsTest {

    @Test
    void topicNamesKeysAndSubjectsAreTheCatalogues() {
        assertThat(SwitchboardTopics.SEND_COMMANDS).isEqualTo(Topics.SEND_COMMANDS.name());
        assertThat(SwitchboardTopics.MESSAGE_STATUS).isEqualTo(Topics.MESSAGE_STATUS.name());
        assertThat(SwitchboardTopics.MESSAGE_EVENTS).isEqualTo(Topics.MESSAGE_EVENTS.name());
        assertThat(SwitchboardTopics.INBOUND_MESSAGES).isEqualTo(Topics.INBOUND_MESSAGES.name());
        assertThat(SwitchboardTopics.REJECTED_COMMANDS).isEqualTo(Topics.REJECTED_COMMANDS.name());
        assertThat(SwitchboardTopics.sendCommandKey("106540352242922", "+919876543210"))
                .isEqualTo(Topics.sendCommandKey("106540352242922", "+919876543210"));
        assertThat(SwitchboardTopics.valueSubject(SwitchboardTopics.SEND_COMMANDS))
                .isEqualTo(Topics.SEND_COMMANDS.valueSubject());
    }

    @Test
    void registryAnswersAreReadWithTheirEscapes() {
        var fields = FlatJson.parse("{\"subject\":\"send-commands-value\",\"version\":3,\"id\":17,"
                + "\"references\":[{\"name\":\"x\"}],\"schema\":\"{\\\"type\\\":\\\"string\\\",\\\"doc\\\":\\\"\\u00e9\\\\n\\\"}\"}");
        assertThat(fields).containsEntry("id", "17").containsEntry("version", "3")
                .containsEntry("schema", "{\"type\":\"string\",\"doc\":\"\u00e9\\n\"}");
    }
}
