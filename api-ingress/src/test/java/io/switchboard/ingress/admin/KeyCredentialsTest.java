package io.switchboard.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyCredentialsTest {

    @Test
    void keysAndSecretsAreThePrefixAnd32RandomLowercaseAlphanumericsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            KeyCredentials credentials = KeyCredentials.generate();
            assertThat(credentials.apiKey()).matches("pk_live_[a-z0-9]{32}");
            assertThat(credentials.apiSecret()).matches("sk_live_[a-z0-9]{32}");
            assertThat(seen.add(credentials.apiKey())).isTrue();
            assertThat(seen.add(credentials.apiSecret())).isTrue();
            assertThat(credentials.toString()).doesNotContain(credentials.apiKey().substring(8));
        }
    }
}
