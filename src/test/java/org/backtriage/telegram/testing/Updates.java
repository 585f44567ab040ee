package org.backtriage.telegram.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Updates as Telegram sends them (JSON), for the fake Bot API or parsed for direct use. */
public final class Updates {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int DATE = 1_764_000_000;

    private Updates() {
    }

    public static ObjectNode text(int updateId, long chatId, String text) {
        ObjectNode message = message(chatId, "private");
        message.put("text", text);
        return update(updateId, "message", message);
    }

    public static ObjectNode groupText(int updateId, long chatId, String type, String text) {
        ObjectNode message = message(chatId, type);
        message.put("text", text);
        return update(updateId, "message", message);
    }

    public static ObjectNode sticker(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putObject("sticker")
                .put("file_id", "CAACAgIAAxkBAAE")
                .put("file_unique_id", "AgADsticker")
                .put("type", "regular")
                .put("width", 512)
                .put("height", 512)
                .put("is_animated", false)
                .put("is_video", false)
                .put("emoji", "\ud83d\udc4d");
        return update(updateId, "message", message);
    }

    public static ObjectNode photo(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putArray("photo").addObject()
                .put("file_id", "AgACAgIAAxkBAAE")
                .put("file_unique_id", "AQADphoto")
                .put("width", 90)
                .put("height", 90);
        message.put("caption", "my back");
        return update(updateId, "message", message);
    }

    public static ObjectNode location(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putObject("location").put("latitude", 51.5).put("longitude", -0.12);
        return update(updateId, "message", message);
    }

    public static ObjectNode voice(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putObject("voice").put("file_id", "AwACAgIAAxkBAAE").put("file_unique_id", "AgADvoice").put("duration", 3);
        return update(updateId, "message", message);
    }

    public static ObjectNode document(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putObject("document").put("file_id", "BQACAgIAAxkBAAE").put("file_unique_id", "AgADdoc")
                .put("file_name", "mri-report.pdf");
        return update(updateId, "message", message);
    }

    public static ObjectNode contact(int updateId, long chatId) {
        ObjectNode message = message(chatId, "private");
        message.putObject("contact").put("phone_number", "+440000000000").put("first_name", "Sam");
        return update(updateId, "message", message);
    }

    public static ObjectNode channelPost(int updateId, long chatId, String text) {
        ObjectNode message = message(chatId, "channel");
        message.remove("from");
        message.put("text", text);
        return update(updateId, "channel_post", message);
    }

    /** A tap by person {@code presser} on a button under a message of another private chat, {@code chatId}. */
    public static ObjectNode pressInAnotherChat(int updateId, long presser, long chatId, int messageId, String queryId, String data) {
        ObjectNode query = query(presser, queryId, data);
        ObjectNode message = message(chatId, "private");
        message.put("message_id", messageId).put("text", "a message with buttons");
        query.set("message", message);
        return update(updateId, "callback_query", query);
    }

    public static ObjectNode editedText(int updateId, long chatId, String text) {
        ObjectNode message = message(chatId, "private");
        message.put("text", text).put("edit_date", DATE + 5);
        return update(updateId, "edited_message", message);
    }

    /** A tap on a button with {@code data} under message {@code messageId} of private chat {@code chatId}. */
    public static ObjectNode press(int updateId, long chatId, int messageId, String queryId, String data) {
        ObjectNode query = query(chatId, queryId, data);
        ObjectNode message = message(chatId, "private");
        message.put("message_id", messageId).put("text", "a message with buttons");
        query.set("message", message);
        return update(updateId, "callback_query", query);
    }

    /** A tap on a button of a message sent through inline mode: no message in the query. */
    public static ObjectNode pressWithoutMessage(int updateId, long userId, String queryId, String data) {
        ObjectNode query = query(userId, queryId, data);
        query.put("inline_message_id", "AAAAinline");
        return update(updateId, "callback_query", query);
    }

    public static ObjectNode groupPress(int updateId, long chatId, int messageId, String queryId, String data) {
        ObjectNode query = query(7, queryId, data);
        ObjectNode message = message(chatId, "group");
        message.put("message_id", messageId).put("text", "a message with buttons");
        query.set("message", message);
        return update(updateId, "callback_query", query);
    }

    public static Update parse(ObjectNode update) {
        try {
            return JSON.treeToValue(update, Update.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode update(int updateId, String field, ObjectNode content) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set(field, content);
        return update;
    }

    private static ObjectNode message(long chatId, String type) {
        ObjectNode message = JSON.createObjectNode()
                .put("message_id", 1000 + Math.floorMod(chatId, 1000))
                .put("date", DATE);
        message.putObject("from").put("id", Math.abs(chatId)).put("is_bot", false).put("first_name", "Pat");
        ObjectNode chat = message.putObject("chat").put("id", chatId).put("type", type);
        if (type.equals("private")) {
            chat.put("first_name", "Pat");
        } else {
            chat.put("title", "Back pain club");
        }
        return message;
    }

    private static ObjectNode query(long userId, String queryId, String data) {
        ObjectNode query = JSON.createObjectNode().put("id", queryId).put("chat_instance", "-4242");
        query.putObject("from").put("id", Math.abs(userId)).put("is_bot", false).put("first_name", "Pat");
        if (data != null) {
            query.put("data", data);
        }
        return query;
    }
}
