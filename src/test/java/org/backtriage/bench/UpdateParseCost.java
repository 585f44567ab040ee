package org.backtriage.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What reading one getUpdates answer costs the poller in CPU and allocation, per update: the
 * whole answer in one piece (as telegrambots-longpolling read it, where one update it cannot read
 * fails the batch), and as the bot reads it, one tree and then each update on its own (one it
 * cannot read is skipped alone). The answer holds 100 button presses shaped like the peer's load
 * server's: the pressed message with its text and four buttons.
 *
 * <pre>java -XX:+UseSerialGC -Xmx28m -XX:TieredStopAtLevel=1 -cp &lt;test class path&gt; org.backtriage.bench.UpdateParseCost</pre>
 *
 * (or {@code bench/run.sh parse-cost}). Three rounds after a warm-up; CPU is the calling
 * thread's own.
 */
public final class UpdateParseCost {
    private static final int UPDATES = 100;
    private static final int ANSWERS = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<ApiResponse<ArrayList<Update>>> WHOLE = new TypeReference<>() {
    };

    private UpdateParseCost() {
    }

    /** One way of reading an answer; returns how many updates it read. */
    private interface Reading {
        int read(byte[] answer) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        byte[] answer = JSON.writeValueAsBytes(answer());
        System.out.printf(Locale.ROOT, "one getUpdates answer: %d updates, %,d bytes (%d a update)%n", UPDATES,
                answer.length, answer.length / UPDATES);
        Reading whole = bytes -> JSON.readValue(bytes, WHOLE).getResult().size();
        Reading eachOnItsOwn = bytes -> {
            List<Update> read = new ArrayList<>();
            for (JsonNode update : JSON.readTree(bytes).path("result")) {
                read.add(JSON.treeToValue(update, Update.class));
            }
            return read.size();
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round <= 3; round++) {
            for (int way = 0; way < 2; way++) {
                Reading reading = way == 0 ? whole : eachOnItsOwn;
                int answers = round == 0 ? ANSWERS / 5 : ANSWERS;
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long cpu = threads.getCurrentThreadCpuTime();
                long updates = 0;
                for (int i = 0; i < answers; i++) {
                    updates += reading.read(answer);
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
                if (round > 0) {
                    System.out.printf(Locale.ROOT, "round %d  %-34s %5.1f µs CPU, %5.1f KB allocated a update%n", round,
                            way == 0 ? "whole answer at once (the library)" : "tree, then each update (ours)",
                            cpu / 1_000.0 / updates, allocated / 1_024.0 / updates);
                }
            }
        }
    }

    private static ObjectNode answer() {
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        ArrayNode result = answer.putArray("result");
        for (int i = 1; i <= UPDATES; i++) {
            ObjectNode press = result.addObject().put("update_id", 1_000 + i).putObject("callback_query")
                    .put("id", Long.toString(i * 1_000L)).put("chat_instance", Integer.toString(-i)).put("data", "q" + i + ":1");
            press.putObject("from").put("id", i).put("is_bot", false).put("first_name", "Person " + i).put("language_code", "en");
            ObjectNode message = press.putObject("message").put("message_id", 10 + i).put("date", 1_765_000_000)
                    .put("text", "Question 3 of 8: does the pain get worse when you bend sideways or twist, or when you"
                            + " stand up after sitting for a while? Choose the answer closest to how it feels.");
            message.putObject("from").put("id", 999).put("is_bot", true).put("first_name", "backtriage");
            message.putObject("chat").put("id", i).put("type", "private").put("first_name", "Person " + i);
            ArrayNode rows = message.putObject("reply_markup").putArray("inline_keyboard");
            for (int button = 0; button < 4; button++) {
                rows.addArray().addObject().put("text", "Answer " + button).put("callback_data", "q" + i + ":" + button);
            }
        }
        return answer;
    }
}
