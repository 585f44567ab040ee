package org.backtriage.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

/** The Bot API's address as the operator gives it: checked, with default ports, copied for each user. */
class BotApiUrlTest {

    @Test
    void apiUrlGivesSchemeHostAndPortWithDefaultPorts() {
        assertThat(BotApiUrl.parse(URI.create("https://api.telegram.org")))
                .isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
        assertThat(BotApiUrl.parse(URI.create("http://127.0.0.1:8081")))
                .isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081, false));
        assertThat(BotApiUrl.parse(URI.create("http://bot-api.internal/")))
                .isEqualTo(new TelegramUrl("http", "bot-api.internal", 80, false));
        assertThat(TelegramUrl.DEFAULT_URL).isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
    }

    @Test
    void apiUrlWithoutHttpOrWithAPathIsRefused() {
        assertThatThrownBy(() -> BotApiUrl.parse(URI.create("ftp://api.telegram.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> BotApiUrl.parse(URI.create("https://api.telegram.org/bot123/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme, host and port only");
    }

    @Test
    void eachCopyIsItsOwnAndOkHttpGetsTheSamePlace() {
        TelegramUrl url = BotApiUrl.parse(URI.create("http://127.0.0.1:8081"));
        TelegramUrl copy = BotApiUrl.copy(url);

        copy.setPort(9999);

        assertThat(url.getPort()).isEqualTo(8081);
        assertThat(BotApiUrl.http(url).toString()).isEqualTo("http://127.0.0.1:8081/");
        assertThat(BotApiUrl.describe(url)).isEqualTo("http://127.0.0.1:8081");
    }
}
