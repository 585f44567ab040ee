package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.Test;

class MessagesFileTest {

    @Test
    void readsUtf8TextAndEscapes() {
        byte[] file = "dash=0–3, mild\nicon=\\u2705 {label}\n".getBytes(StandardCharsets.UTF_8);

        Messages messages = MessagesFile.read(new ByteArrayInputStream(file), "en", "messages_en.properties");

        assertThat(messages.language()).isEqualTo("en");
        assertThat(messages.text("dash")).isEqualTo("0–3, mild");
        assertThat(messages.text("icon")).isEqualTo("✅ {label}");
    }

    @Test
    void latin1FileIsNotUtf8Text() {
        byte[] file = "label=Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> MessagesFile.read(new ByteArrayInputStream(file), "en", "messages_en.properties"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("messages_en.properties: is not UTF-8 text");
    }

    @Test
    void brokenEscapeIsNamed() {
        byte[] file = "label=\\u12\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MessagesFile.read(new ByteArrayInputStream(file), "en", "messages_en.properties"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("messages_en.properties: cannot be read: ");
    }
}
