package org.backtriage.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;

/** Keyboards as a JSON text column: rows of [label, data] pairs, or [label, query, "SHARE"] for a share button. */
final class ReplyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<List<String>>>> ROWS = new TypeReference<>() {
    };

    private ReplyCodec() {
    }

    static String encode(Keyboard keyboard) {
        List<List<List<String>>> rows = keyboard.rows().stream()
                .map(row -> row.stream().map(b -> b.action() == Button.Action.PRESS
                        ? List.of(b.label(), b.data()) : List.of(b.label(), b.data(), b.action().name())).toList())
                .toList();
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode a keyboard", e);
        }
    }

    static Keyboard decode(String text) {
        try {
            List<List<List<String>>> rows = JSON.readValue(text, ROWS);
            return new Keyboard(rows.stream()
                    .map(row -> row.stream().map(b -> new Button(b.get(0), b.get(1),
                            b.size() > 2 ? Button.Action.valueOf(b.get(2)) : Button.Action.PRESS)).toList())
                    .toList());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StoreException("an outbox row holds an unreadable keyboard", e);
        }
    }
}
