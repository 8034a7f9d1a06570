package io.switchboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void pathSegmentsArePercentDecodedWithPlusKeptLiteral() {
        ApiRequest request = new ApiRequest("GET", "/subjects/a%2Fb+c%C3%A9/versions/", "deleted=true", new byte[0]);

        assertThat(request.segments()).containsExactly("subjects", "a/b+cé", "versions");
        assertThat(request.flag("deleted")).isTrue();
        assertThat(request.flag("verbose")).isFalse();
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        ApiRequest request = new ApiRequest("POST", "/subjects/s/versions", null, "{\"schema\":".getBytes());

        assertThatThrownBy(request::json).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void routesMatchSegmentByTheirWildcards() {
        Route route = Route.of("GET", "subjects/*/versions/*", r -> null);

        assertThat(route.match(java.util.List.of("subjects", "s", "versions", "latest")))
                .contains(java.util.List.of("s", "latest"));
        assertThat(route.match(java.util.List.of("subjects", "s", "versions"))).isEmpty();
    }
}
