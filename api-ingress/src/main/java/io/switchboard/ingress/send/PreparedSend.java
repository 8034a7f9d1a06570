package io.switchboard.ingress.send;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.SendCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A send request that passed validation: who it goes to, whether it is free-form (only inside the 24-hour
 * customer-service window; templates are not), warnings for the client, and how to put its content on the command.
 * Content is filled only after the send gate allowed the send, so work with side effects (a media upload) never
 * happens for a refused request.
 */
public interface PreparedSend {

    String to();

    @Nullable
    String reference();

    /** Metric label, e.g. "text", "template", "interactive_list". */
    String kind();

    /** True for text, interactive and media messages: they need an open customer-service window. */
    boolean freeForm();

    /** Non-fatal remarks for the client (e.g. ignored template variables). */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * Sets kind and content on the command. When {@code simulate} is true nothing may be sent anywhere (a media
     * upload then uses a placeholder id).
     */
    CompletableFuture<Void> fill(SendCommand.Builder command, boolean simulate);

    /** A send whose content is known at once. */
    static PreparedSend of(String to, @Nullable String reference, String kind, boolean freeForm, List<String> warnings,
                           java.util.function.Consumer<SendCommand.Builder> content) {
        return new PreparedSend() {
            @Override
            public String to() {
                return to;
            }

            @Override
            public String reference() {
                return reference;
            }

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean freeForm() {
                return freeForm;
            }

            @Override
            public List<String> warnings() {
                return warnings;
            }

            @Override
            public CompletableFuture<Void> fill(SendCommand.Builder command, boolean simulate) {
                content.accept(command);
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
