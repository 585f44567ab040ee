package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.backtriage.chat.ChatOptions;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Press;
import org.backtriage.config.Content;
import org.backtriage.store.internal.SessionCodec;
import org.backtriage.testing.MovableClock;
import org.backtriage.triage.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, point 4: a person who asks to be forgotten (or who was idle past the retention) is
 * gone from the SQLite file's bytes, not only from its tables: neither the database file nor its
 * write-ahead log still holds what they answered. A real conversation goes through the chat
 * service; the markers are what the store really kept of it: the session's answers, and the ids
 * Telegram gave the person's button presses, which the outbox keeps beside the replies to them.
 */
class ForgottenBytesTest {
    static final long CHAT = 777_000_123L;
    static final Content CONTENT = Content.packaged(ChatService.TEXT_KEYS);
    static final List<String> TO_THE_WHERE_QUESTION = List.of("s", "p:emergency:none", "p:pregnancy:no",
            "p:urgent_symptoms:none", "p:urgent_history:none", "p:lasting:none", "p:where:low_back_left", "p:where:buttock_left");

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock();
    final String pressMarker = "press-" + UUID.randomUUID();
    SqliteSessionStore store;
    ChatService chat;
    long updateId = 1;
    long messageId = 100;

    Path file() {
        return dir.resolve("bot.db");
    }

    @BeforeEach
    void open() {
        store = SqliteSessionStore.open(file(), clock);
        chat = new ChatService(new Engine(CONTENT.tree()), CONTENT.languages(), store, ChatOptions.defaults().withClock(clock));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The person's conversation, up to the places they tick at "where does it hurt?"; their stored answers. */
    String talk() {
        chat.handleQueued(CHAT, updateId++, Optional.empty(), new Incoming.Command("start"));
        for (String data : TO_THE_WHERE_QUESTION) {
            chat.handleQueued(CHAT, updateId++, Optional.of(new Press(pressMarker + "-" + updateId, messageId)),
                    new Incoming.Button(data));
        }
        String answers = SessionCodec.encodeAnswers(store.peek(CHAT).orElseThrow().session().answers());
        assertThat(answers).as("what the store keeps of the person's answers").contains("emergency=", "lasting=");
        return answers;
    }

    /**
     * How often {@code marker} is in the database file and its write-ahead log, byte for byte, as
     * anyone reading the disk would find them.
     */
    long onDisk(String marker) throws IOException {
        long found = 0;
        for (Path path : List.of(file(), Path.of(file() + "-wal"), Path.of(file() + "-journal"))) {
            if (Files.exists(path)) {
                String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                for (int at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + 1)) {
                    found++;
                }
            }
        }
        return found;
    }

    @Test
    void afterForgetNeitherTheFileNorItsLogHoldsWhatThePersonAnswered() throws Exception {
        String answers = talk();
        assertThat(onDisk(answers)).as("the answers before /forget").isPositive();
        assertThat(onDisk(pressMarker)).as("the presses before /forget").isPositive();

        chat.handleQueued(CHAT, updateId++, Optional.empty(), new Incoming.Command("forget"));
        chat.handleQueued(CHAT, updateId++, Optional.of(new Press("the-confirmation", messageId)), new Incoming.Button("f:yes"));

        assertThat(store.peek(CHAT)).isEmpty();
        assertThat(onDisk(answers)).as("the answers after /forget").isZero();
        assertThat(onDisk(pressMarker)).as("the presses after /forget").isZero();
    }

    @Test
    void afterTheIdlePurgeNeitherTheFileNorItsLogHoldsWhatThePersonAnswered() throws Exception {
        String answers = talk();
        assertThat(onDisk(answers)).as("the answers before the purge").isPositive();
        assertThat(onDisk(pressMarker)).as("the presses before the purge").isPositive();
        clock.advance(Duration.ofDays(31));

        assertThat(chat.purgeIdle(Duration.ofDays(30))).isEqualTo(1);

        assertThat(onDisk(answers)).as("the answers after the purge").isZero();
        assertThat(onDisk(pressMarker)).as("the presses after the purge").isZero();
    }
}
