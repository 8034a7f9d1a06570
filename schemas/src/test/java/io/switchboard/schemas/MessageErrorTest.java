package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.avro.ErrorInfo;
import org.junit.jupiter.api.Test;

class MessageErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whatsAppsFailureKeepsItsNumericCodeTitleAndDetailsAsTheMessage() throws Exception {
        ErrorInfo undeliverable = ErrorInfo.newBuilder().setCode(131026).setTitle("Message undeliverable")
                .setDetail("Unable to deliver message.").setReason("PERMANENT").build();

        assertThat(JSON.writeValueAsString(MessageError.of(undeliverable))).isEqualTo(
                "{\"code\":131026,\"title\":\"Message undeliverable\",\"message\":\"Unable to deliver message.\","
                        + "\"reason\":\"PERMANENT\"}");
    }

    @Test
    void ourOwnFailureHasANullCodeItsReasonAndTheTitleAsTheMessage() throws Exception {
        ErrorInfo expired = ErrorInfo.newBuilder().setCode(null).setTitle("Expired before it could be sent")
                .setReason("EXPIRED").build();

        assertThat(JSON.writeValueAsString(MessageError.of(expired))).isEqualTo(
                "{\"code\":null,\"title\":\"Expired before it could be sent\","
                        + "\"message\":\"Expired before it could be sent\",\"reason\":\"EXPIRED\"}");
        assertThat(MessageError.of((ErrorInfo) null)).isNull();
    }
}
