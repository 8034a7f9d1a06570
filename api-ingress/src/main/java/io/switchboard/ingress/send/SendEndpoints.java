package io.switchboard.ingress.send;

import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.interactive.ButtonMessageRequest;
import io.switchboard.ingress.interactive.ListMessageRequest;
import io.switchboard.ingress.media.MediaSendEndpoint;
import io.switchboard.ingress.templates.TemplateSendEndpoints;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The send endpoints of the public API, each with its permission and validation. Interactive messages need
 * send_text, as text messages do.
 */
@Singleton
public class SendEndpoints {

    public static final String PATH_PREFIX = "/api/v1/external/messages/";

    private final SendEndpoint text = new SendEndpoint("text", ApiOperation.SEND_TEXT,
            (body, account) -> TextMessageRequest.from(body).prepared());
    private final SendEndpoint list = new SendEndpoint("interactive/list", ApiOperation.SEND_INTERACTIVE,
            (body, account) -> ListMessageRequest.from(body));
    private final SendEndpoint button = new SendEndpoint("interactive/button", ApiOperation.SEND_INTERACTIVE,
            (body, account) -> ButtonMessageRequest.from(body));
    private final SendEndpoint template;
    private final SendEndpoint templateNamed;

    private final SendEndpoint media;

    public SendEndpoints(TemplateSendEndpoints templates, MediaSendEndpoint media) {
        this.media = new SendEndpoint("media", ApiOperation.SEND_MEDIA, media::prepare);
        this.template = new SendEndpoint("template", ApiOperation.SEND_TEMPLATE, templates::raw);
        this.templateNamed = new SendEndpoint("template/send", ApiOperation.SEND_TEMPLATE, templates::named);
    }

    public SendEndpoint text() {
        return text;
    }

    public SendEndpoint list() {
        return list;
    }

    public SendEndpoint button() {
        return button;
    }

    public SendEndpoint media() {
        return media;
    }

    public SendEndpoint template() {
        return template;
    }

    public SendEndpoint templateNamed() {
        return templateNamed;
    }

    /** The path of every send endpoint ({@code /api/v1/external/messages/<name>}): each takes POST only. */
    public Set<String> paths() {
        return Stream.of(text, list, button, media, template, templateNamed)
                .map(endpoint -> PATH_PREFIX + endpoint.name())
                .collect(Collectors.toUnmodifiableSet());
    }
}
