package org.backtriage.telegram.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;

/** A message's buttons as the Bot API reads them: {@code reply_markup}'s inline keyboard, written field by field. */
final class KeyboardJson {

    private KeyboardJson() {
    }

    /**
     * {@code reply_markup}: the inline keyboard, rows of buttons; nothing for an empty keyboard.
     * {@code message}: the id of the message the keyboard goes under, when known (an edit's).
     */
    static void write(JsonGenerator body, Keyboard keyboard, OptionalLong message) throws IOException {
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
