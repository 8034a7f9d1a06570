package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /_sim/wabas}: the simulated WhatsApp Business accounts and their templates, changed at run time (Meta's
 * template management is not simulated; tests and local users stand in for WhatsApp Manager). Every change is
 * seen by the next send and the next {@code GET message_templates}. No token, as every {@code /_sim} endpoint.
 * <ul>
 *   <li>{@code GET /_sim/wabas}: every WABA with its numbers and template count.</li>
 *   <li>{@code PUT /_sim/wabas/{waba}}: create a WABA (no templates); existing: unchanged. 200 with its view.</li>
 *   <li>{@code DELETE /_sim/wabas/{waba}}: delete it; its list then answers code 100. 204, or 404.</li>
 *   <li>{@code PUT /_sim/wabas/{waba}/phone-numbers/{number}}: the number belongs to that WABA (created if need
 *       be). 200 with the WABA's view.</li>
 *   <li>{@code POST /_sim/wabas/{waba}/templates}: add templates (one object, an array, or {@code {"data":[...]}}
 *       in Meta's list shape), replacing those of the same name and language; the WABA is created if need be.
 *       201 {@code {"templates":[...]}} as listed.</li>
 *   <li>{@code PATCH /_sim/wabas/{waba}/templates/{name}?language=}: {@code {"status":"PAUSED"}} (a status Meta
 *       uses); without {@code language} every language of the name. 200 with the changed templates, or 404.</li>
 *   <li>{@code DELETE /_sim/wabas/{waba}/templates/{name}?language=}: 204, or 404.</li>
 * </ul>
 * Errors are {@code {"error":"..."}} with 400 or 404.
 */
@Controller(value = "/_sim/wabas", produces = MediaType.APPLICATION_JSON)
public class TemplateAdminController {

    /** Template statuses Meta reports. */
    static final Set<String> STATUSES = Set.of("APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED",
            "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "ARCHIVED");
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private final TemplateCatalog catalog;
    private final JsonMapper json;

    public TemplateAdminController(TemplateCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Get
    public Map<String, Object> list() {
        List<Map<String, Object>> wabas = new ArrayList<>();
        catalog.numbersByWaba().keySet().forEach(waba -> wabas.add(view(waba)));
        return Map.of("wabas", wabas);
    }

    @Put("/{wabaId}")
    public HttpResponse<Object> create(@PathVariable String wabaId) {
        if (!ID.matcher(wabaId).matches()) {
            return error(HttpStatus.BAD_REQUEST, "a WABA id is 1 to 20 digits");
        }
        catalog.createWaba(wabaId);
        return HttpResponse.ok(view(wabaId));
    }

    @Delete("/{wabaId}")
    public HttpResponse<Object> delete(@PathVariable String wabaId) {
        return catalog.deleteWaba(wabaId) ? HttpResponse.noContent() : unknown(wabaId);
    }

    @Put("/{wabaId}/phone-numbers/{phoneNumberId}")
    public HttpResponse<Object> assign(@PathVariable String wabaId, @PathVariable String phoneNumberId) {
        if (!ID.matcher(wabaId).matches() || !ID.matcher(phoneNumberId).matches()) {
            return error(HttpStatus.BAD_REQUEST, "WABA and phone number ids are 1 to 20 digits");
        }
        catalog.assign(phoneNumberId, wabaId);
        return HttpResponse.ok(view(wabaId));
    }

    @Post(value = "/{wabaId}/templates", consumes = MediaType.ALL)
    public HttpResponse<Object> add(@PathVariable String wabaId, @Nullable @Body byte[] body) {
        if (!ID.matcher(wabaId).matches()) {
            return error(HttpStatus.BAD_REQUEST, "a WABA id is 1 to 20 digits");
        }
        List<Template> templates;
        try {
            templates = TemplateFiles.parse(json, body == null ? new byte[0] : body, "in the request");
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        catalog.put(wabaId, templates);
        return HttpResponse.status(HttpStatus.CREATED)
                .body(Map.of("templates", templates.stream().map(Template::listing).toList()));
    }

    @Patch(value = "/{wabaId}/templates/{name}{?language}", consumes = MediaType.ALL)
    public HttpResponse<Object> change(@PathVariable String wabaId, @PathVariable String name,
                                       @Nullable @QueryValue String language, @Nullable @Body byte[] body) {
        String status;
        try {
            JsonNode node = json.readValue(body == null ? new byte[0] : body, JsonNode.class);
            JsonNode value = node == null ? null : node.get("status");
            status = value != null && value.isString() ? value.getStringValue().toUpperCase(Locale.ROOT) : null;
        } catch (IOException e) {
            status = null;
        }
        if (status == null || !STATUSES.contains(status)) {
            return error(HttpStatus.BAD_REQUEST, "the body must be {\"status\": one of "
                    + STATUSES.stream().sorted().toList() + "}");
        }
        List<Template> changed = catalog.setStatus(wabaId, name, language, status);
        return changed.isEmpty() ? noTemplate(wabaId, name, language)
                : HttpResponse.ok(Map.of("templates", changed.stream().map(Template::listing).toList()));
    }

    @Delete("/{wabaId}/templates/{name}{?language}")
    public HttpResponse<Object> remove(@PathVariable String wabaId, @PathVariable String name,
                                       @Nullable @QueryValue String language) {
        return catalog.remove(wabaId, name, language) > 0 ? HttpResponse.noContent()
                : noTemplate(wabaId, name, language);
    }

    private Map<String, Object> view(String wabaId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", wabaId);
        view.put("default", wabaId.equals(catalog.defaultWabaId()));
        view.put("phone_numbers", catalog.numbersByWaba().getOrDefault(wabaId, List.of()));
        view.put("templates", catalog.all(wabaId).size());
        return view;
    }

    private HttpResponse<Object> noTemplate(String wabaId, String name, @Nullable String language) {
        if (!catalog.exists(wabaId)) {
            return unknown(wabaId);
        }
        return error(HttpStatus.NOT_FOUND, "WABA " + wabaId + " has no template " + name
                + (language == null ? "" : " in " + language));
    }

    private static HttpResponse<Object> unknown(String wabaId) {
        return error(HttpStatus.NOT_FOUND, "no WABA " + wabaId);
    }

    private static HttpResponse<Object> error(HttpStatus status, String message) {
        return HttpResponse.status(status).body(Map.of("error", message));
    }
}
