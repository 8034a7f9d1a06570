package io.switchboard.ingress.templates;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Where the ingress reaches the WhatsApp Cloud API (real or simulator) for the template list and media uploads
 * ({@code switchboard.ingress.cloud-api.*}). The token is sent as a bearer token and never logged.
 */
@ConfigurationProperties(CloudApiConfiguration.PREFIX)
public class CloudApiConfiguration {

    public static final String PREFIX = "switchboard.ingress.cloud-api";

    private String baseUrl = "https://graph.facebook.com";
    private String apiVersion = "v23.0";
    private String accessToken;
    private Duration timeout = Duration.ofSeconds(10);

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Nullable
    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(@Nullable String accessToken) {
        this.accessToken = accessToken;
    }

    /** How long one Cloud API call (a template page, a media upload) may take. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** {base-url}/{api-version}/{path}. */
    public String url(String path) {
        return baseUrl + "/" + apiVersion + "/" + path;
    }

    @Override
    public String toString() {
        return "CloudApiConfiguration{baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", accessToken="
                + io.switchboard.schemas.Redaction.secret(accessToken) + "}";
    }
}
