package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * The absolute base URL the simulator's own links (media download URLs, template list paging) start with:
 * {@code simulator.media.public-base-url} when set, else {@code http://} plus the {@code Host} the caller used, so
 * that a link works from wherever the caller reached the simulator (localhost, a container name, ...).
 */
final class PublicUrls {

    private PublicUrls() {
    }

    static String base(@Nullable String configured, HttpRequest<?> request) {
        if (configured != null && !configured.isBlank()) {
            String trimmed = configured.trim();
            return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        return "http://" + host;
    }
}
