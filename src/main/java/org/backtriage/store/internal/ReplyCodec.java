package org.backtriage.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.store.StoreException;

/**
 * A reply as the outbox's columns: its kind ({@code send}, {@code edit}, {@code notice},
 * {@code alert}), its text, its keyboard as JSON (rows of [label, data] pairs, or
 * [label, query, "SHARE"] for a share button, [label, url, "WEB_APP"] for a Mini App's) and whether an edit is a transcript.
 */
public final class ReplyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<List<String>>>> ROWS = new TypeReference<>() {
    };

    private ReplyCodec() {
    }

    /** The outbox columns that hold one reply. */
    public record Columns(String kind, String html, String keyboard, boolean transcript) {
        /** The columns of a reply that is no transcript of an answer: a message or a notice. */
        Columns(String kind, String html, String keyboard) {
            this(kind, html, keyboard, false);
        }
    }

    public static Columns encode(Reply reply) {
        return switch (reply) {
            case Reply.Send(String html, Keyboard keyboard) -> new Columns("send", html, encode(keyboard));
            case Reply.EditPressed(String html, Keyboard keyboard, boolean transcript) ->
                    new Columns("edit", html, encode(keyboard), transcript);
            case Reply.Notice(String text, boolean alert) -> new Columns(alert ? "alert" : "notice", text, encode(Keyboard.NONE));
        };
    }

    /** The reply those columns hold; an unreadable keyboard fails it, whatever its kind. */
    public static Reply decode(Columns columns) {
        Keyboard keyboard = decode(columns.keyboard());
        return switch (columns.kind()) {
            case "send" -> new Reply.Send(columns.html(), keyboard);
            case "edit" -> new Reply.EditPressed(columns.html(), keyboard, columns.transcript());
            case "alert" -> Reply.Notice.popUp(columns.html());
            default -> new Reply.Notice(columns.html());
        };
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
