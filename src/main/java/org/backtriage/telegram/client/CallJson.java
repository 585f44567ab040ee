package org.backtriage.telegram.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;

/**
 * How a call's body is written, field by field from this bot's own values: the JSON object, the
 * updates this bot reads, and a message's buttons ({@code reply_markup}'s inline keyboard).
 */
final class CallJson {

    private CallJson() {
    }

    /** The JSON fields of one call's body, written straight from this bot's own values. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator body) throws IOException;
    }

    /** A call's body: the JSON object {@code fields} writes. */
    static byte[] body(JsonFactory factory, Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator body = factory.createGenerator(bytes)) {
            body.writeStartObject();
            fields.write(body);
            body.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** {@code allowed_updates}: the updates this bot reads, for getUpdates and setWebhook alike. */
    static void allowedUpdates(JsonGenerator body) throws IOException {
        body.writeArrayFieldStart("allowed_updates");
        for (String kind : BotApi.ALLOWED_UPDATES) {
            body.writeString(kind);
        }
        body.writeEndArray();
    }

    /**
     * {@code reply_markup}: the inline keyboard, rows of buttons; nothing for an empty keyboard.
     * {@code message}: the id of the message the keyboard goes under, when known (an edit's).
     */
    static void keyboard(JsonGenerator body, Keyboard keyboard, OptionalLong message) throws IOException {
        if (keyboard.isEmpty()) {
            return;
        }
        body.writeObjectFieldStart("reply_markup");
        body.writeArrayFieldStart("inline_keyboard");
        for (List<Button> row : keyboard.rows()) {
            body.writeStartArray();
            for (Button button : row) {
                body.writeStartObject();
                body.writeStringField("text", button.label());
                if (button.action() == Button.Action.WEB_APP) {
                    // Opens the page inside Telegram (a Mini App); Telegram accepts only an https address.
                    body.writeObjectFieldStart("web_app");
                    body.writeStringField("url", webAppUrl(button.data(), message));
                    body.writeEndObject();
                } else {
                    // A share button opens the chat picker; the chosen chat shows this bot's inline answer.
                    body.writeStringField(button.action() == Button.Action.SHARE ? "switch_inline_query" : "callback_data",
                            button.data());
                }
                body.writeEndObject();
            }
            body.writeEndArray();
        }
        body.writeEndArray();
        body.writeEndObject();
    }

    /** A Mini App's address, with {@code m=<id>} of the message it is opened from when that is known. */
    private static String webAppUrl(String url, OptionalLong message) {
        if (message.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "m=" + message.getAsLong();
    }
}
