package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.PreparedSend;
import io.switchboard.ingress.send.RequestFields;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Template;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates the two template sends (permission send_template; never subject to the customer-service window):
 * {@code POST /messages/template} with raw {@code components} and {@code POST /messages/template/send} with named
 * {@code variables}. Both need {@code to}, {@code template_name}, {@code language} (exactly as the template lists
 * it, e.g. "en" or "en_US") and take an optional {@code reference}. The template must exist for that language
 * (404 TEMPLATE_NOT_FOUND, naming the languages it exists in or close names) and be APPROVED (422
 * TEMPLATE_NOT_APPROVED, saying its status), and get exactly the parameters it needs (raw: 400 VALIDATION_ERROR;
 * named: 422 TEMPLATE_VARIABLE_MISSING or TEMPLATE_VARIABLE_INVALID naming the variable).
 */
@Singleton
public class TemplateSendEndpoints {

    static final int MAX_NAME_LENGTH = 512;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?");

    private final TemplateStore store;

    public TemplateSendEndpoints(TemplateStore store) {
        this.store = store;
    }

    /** Raw components, passed through after checking the counts. */
    public PreparedSend raw(ObjectNode body, Account account) {
        Head head = head(body, account);
        List<TemplateComponent> components = RawComponents.read(body.get("components"), head.template());
        return prepared(head, components, null, List.of());
    }

    /** Named variables, mapped onto the template's parameters. */
    public PreparedSend named(ObjectNode body, Account account) {
        Head head = head(body, account);
        NamedVariables mapped = NamedVariables.map(body.get("variables"), head.template());
        return prepared(head, mapped.components(), mapped.variables(), mapped.warnings());
    }

    private Head head(ObjectNode body, Account account) {
        RequestFields fields = new RequestFields(body);
        String to = fields.phone("to");
        String name = fields.requiredText("template_name", MAX_NAME_LENGTH);
        String language = fields.requiredText("language", 15);
        if (!LANGUAGE.matcher(language).matches()) {
            throw new InvalidRequestException(ApiError.validation(
                    "language must be a template language code such as en or en_US"));
        }
        String reference = fields.optionalText("reference", 100);
        if (!store.isReady()) {
            throw new InvalidRequestException(TemplateQueryService.unavailable());
        }
        Template template = store.find(account.getAccountId(), name, language);
        if (template == null) {
            throw new InvalidRequestException(TemplateRefusals.notFound(store.ofAccount(account.getAccountId()), name,
                    language));
        }
        if (!"APPROVED".equalsIgnoreCase(template.getStatus())) {
            throw new InvalidRequestException(TemplateRefusals.notApproved(store.ofAccount(account.getAccountId()),
                    template));
        }
        return new Head(to, reference, template);
    }

    private static PreparedSend prepared(Head head, List<TemplateComponent> components,
                                         Map<String, String> variables, List<String> warnings) {
        TemplateContent content = TemplateContent.newBuilder().setName(head.template().getName())
                .setLanguage(head.template().getLanguage()).setComponents(components).setVariables(variables)
                .build();
        return PreparedSend.of(head.to(), head.reference(), "template", false, warnings,
                command -> command.setKind(MessageKind.TEMPLATE).setTemplate(content));
    }

    private record Head(String to, String reference, Template template) {
    }
}
