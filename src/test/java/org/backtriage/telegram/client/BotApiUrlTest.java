package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Bot API's address as the operator gives it: checked, with default ports; where each call goes. */
class BotApiUrlTest {

    @Test
    void apiUrlGivesSchemeHostAndPortWithDefaultPorts() {
        assertThat(BotApiUrl.parse(URI.create("https://api.telegram.org")).toString()).isEqualTo("https://api.telegram.org/");
        assertThat(BotApiUrl.parse(URI.create("http://127.0.0.1:8081")).toString()).isEqualTo("http://127.0.0.1:8081/");
        assertThat(BotApiUrl.parse(URI.create("http://bot-api.internal/")).port()).isEqualTo(80);
        assertThat(BotApiUrl.parse(URI.create("https://api.telegram.org")).port()).isEqualTo(443);
    }

    @Test
    void apiUrlWithoutHttpOrWithAPathIsRefused() {
        assertThatThrownBy(() -> BotApiUrl.parse(URI.create("ftp://api.telegram.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> BotApiUrl.parse(URI.create("https://api.telegram.org/bot123/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme, host and port only");
    }

    @Test
    void eachCallGoesToItsMethodUnderTheTokenAndALogLineShowsOnlyThePlace() {
        BotAccess access = BotAccess.of("123:abc", URI.create("http://127.0.0.1:8081"));

        assertThat(access.method("sendMessage").toString()).isEqualTo("http://127.0.0.1:8081/bot123:abc/sendMessage");
        assertThat(access.where()).isEqualTo("http://127.0.0.1:8081");
        assertThat(BotApiUrl.describe(BotApiUrl.parse(URI.create("https://api.telegram.org")))).isEqualTo("https://api.telegram.org:443");
    }
}
