package io.switchboard.projector.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The HTTP shape of a wamid lookup: {@code {"message_id":"...","wamid":"..."}}. */
@Serdeable
public record WamidView(@JsonProperty("message_id") String messageId, @JsonProperty("wamid") String wamid) {
}
