package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.switchboard.schemas.Redaction;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Where and how the dispatcher calls the WhatsApp Cloud API. The access token is required and is never logged:
 * {@link #toString()} leaves it out on purpose.
 */
@ConfigurationProperties(CloudApiProperties.PREFIX)
public class CloudApiProperties {

    public static final String PREFIX = "switchboard.cloud-api";

    private String baseUrl = "https://graph.facebook.com";
    private String apiVersion = "v23.0";
    private String accessToken;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    /**
     * HTTP/1.1 by default: the JDK client puts every HTTP/2 request to a host on one connection and fails the ones
     * beyond the server's stream limit (JDK-8225647), while hundreds of sends are in flight here.
     */
    private HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;
    /** JDK HTTP clients requests take turns over; each has its own connection pool (see {@link CloudApiClient}). */
    private int clients = 1;

    /** Fails start-up with a clear message instead of sending requests Meta will refuse. */
    public void validate() {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalStateException(PREFIX + ".access-token is required (env SWITCHBOARD_CLOUD_API_ACCESS_TOKEN)");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException(PREFIX + ".base-url must not be empty");
        }
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public HttpClient.Version getHttpVersion() {
        return httpVersion;
    }

    public void setHttpVersion(HttpClient.Version httpVersion) {
        this.httpVersion = httpVersion;
    }

    public int getClients() {
        return clients;
    }

    public void setClients(int clients) {
        this.clients = clients;
    }

    @Override
    public String toString() {
        return "CloudApiProperties{baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", accessToken="
                + Redaction.secret(accessToken) + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + ", httpVersion=" + httpVersion + ", clients=" + clients + "}";
    }
}
