package org.backtriage.fakebotapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Bot API call the fake received: the method name in lower case, the JSON body, which call of
 * its method it is (1 for the first), when it arrived ({@link System#nanoTime}), and whether it
 * took effect (a person would see it).
 */
public record Call(String method, JsonNode body, int n, long at, boolean shown) {
    public String text() {
        return body.path("text").asText();
    }

    public long chatId() {
        return body.path("chat_id").asLong();
    }

    /** Every button of the inline keyboard, row after row, as "label=data". */
    public List<String> buttons() {
        List<String> buttons = new ArrayList<>();
        body.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(button ->
                buttons.add(button.path("text").asText() + "=" + button.path("callback_data").asText())));
        return buttons;
    }

    /** Whether it is a call of {@code name}, in any case (the library spells some in lower case). */
    public boolean is(String name) {
        return method.equals(name.toLowerCase(Locale.ROOT));
    }
}
