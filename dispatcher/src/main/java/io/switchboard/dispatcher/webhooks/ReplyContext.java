package io.switchboard.dispatcher.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds our message id for the wamid a customer replied to, through the status projector's
 * {@code GET {projector-url}/internal/wamids/{wamid}} (200 {@code {"message_id"}}, 404 when unknown). Without a
 * projector URL, on a 404, an error or after {@code projector-timeout}, the event carries only the wamid: a reply is
 * never held back for its context. Found ids are cached (bounded LRU), since a wamid's message never changes.
 */
final class ReplyContext {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyContext.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED = 10_000;

    private final String projectorUrl;
    private final Duration timeout;
    private final HttpClient client;
    private final Map<String, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    };

    ReplyContext(String projectorUrl, Duration timeout) {
        this.projectorUrl = projectorUrl == null || projectorUrl.isBlank() ? null
                : projectorUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Our message id of the wamid, or null. Blocking; called only on the fan-out thread. */
    synchronized String messageIdOf(String wamid) {
        if (wamid == null || projectorUrl == null) {
            return null;
        }
        String cached = cache.get(wamid);
        if (cached != null) {
            return cached;
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(projectorUrl
                    + "/internal/wamids/" + URLEncoder.encode(wamid, StandardCharsets.UTF_8))).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode messageId = JSON.readTree(response.body()).get("message_id");
            if (messageId == null || !messageId.isTextual()) {
                return null;
            }
            cache.put(wamid, messageId.textValue());
            return messageId.textValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            LOG.debug("Reply context lookup failed, sending the wamid only: {}", e.toString());
            return null;
        }
    }
}
