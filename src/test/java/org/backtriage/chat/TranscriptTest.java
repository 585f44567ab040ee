package org.backtriage.chat;

import org.backtriage.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations as a person has them, in plain text under {@code src/test/resources/transcripts/}:
 * what the person does ({@code >} lines) and, after each, exactly what the bot answers. The test
 * plays each file's {@code >} lines against the real chat service (packaged content, a real SQLite
 * file, a clock that starts on 1 December 2026 at 09:00 UTC) and fails when the bot's answers
 * differ from the file's. Run with {@code -Dtranscripts.update=true} to write the answers into
 * the files instead; a reviewer then reads any wording change as a diff.
 *
 * <pre>
 * # a comment, kept                      language: es      (the person's app language)
 * > /start                               a command
 * > types: anything at all               free text where a button is expected
 * > sends a sticker                      a sticker, photo, voice note...
 * > taps [Label]                         the newest message's button with that label
 * > taps [Label] on #3                   a button of message 3, even if an edit took it away since
 *                                        (a second tap that crossed the edit in flight)
 * > a week passes                        the clock moves on a week and due check-ins go out
 * > a day passes                         the clock moves on a day and due check-ins go out
 * < send #4 / < edit #2                  a new message / an edit of the pressed one, its text as
 * | text                                 "| " lines and its buttons as "  [Label]" rows
 * < notice: text / < alert: text         the short answer to a press: a toast / a pop-up
 * </pre>
 */
class TranscriptTest {
    static final Path DIR = Path.of("src", "test", "resources", "transcripts");
    static final long CHAT = 777L;
    private static final Pattern TAP = Pattern.compile("taps \\[(.+)](?: on #(\\d+))?");

    @TempDir
    Path databases;

    @TestFactory
    Stream<DynamicTest> everyTranscriptPlaysAsWritten() throws IOException {
        List<Path> files;
        try (Stream<Path> found = Files.walk(DIR)) {
            files = found.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(DIR.relativize(file).toString(), () -> check(file)));
    }

    private void check(Path file) throws IOException {
        String written = Files.readString(file, StandardCharsets.UTF_8);
        String played = play(written, databases.resolve(DIR.relativize(file).toString().replace(java.io.File.separatorChar, '_') + ".db"));
        if (!played.equals(written) && Boolean.getBoolean("transcripts.update")) {
            Files.writeString(file, played, StandardCharsets.UTF_8);
            return;
        }
        if (!played.equals(written)) {
            Path actual = Path.of("target", "transcripts").resolve(DIR.relativize(file));
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, played, StandardCharsets.UTF_8);
        }
        assertThat(played).as("the bot's answers in " + file + " (as played: " + Path.of("target", "transcripts")
                .resolve(DIR.relativize(file)) + ")").isEqualTo(written);
    }

    /** Plays the person's lines of {@code transcript}; the transcript with the bot's answers written out. */
    static String play(String transcript, Path database) {
        Conversation conversation = new Conversation(database);
        try {
            List<String> out = new ArrayList<>();
            for (String line : transcript.split("\n", -1)) {
                if (line.startsWith("#") || line.startsWith("language:")) {
                    out.add(line);
                    if (line.startsWith("language:")) {
                        conversation.language = Optional.of(line.substring("language:".length()).strip());
                    }
                } else if (line.startsWith("> ")) {
                    if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                        out.add("");
                    }
                    out.add(line);
                    try {
                        out.addAll(conversation.act(line.substring(2).strip()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(e.getMessage() + "\nplayed so far:\n" + String.join("\n", out), e);
                    }
                }
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return String.join("\n", out) + "\n";
        } finally {
            conversation.close();
        }
    }

    /** One person's chat with the bot, and every message the bot has sent in it. */
    private static final class Conversation {
        final MovableClock clock = new MovableClock();
        final ChatFixture fixture;
        final Map<Integer, List<Keyboard>> keyboards = new HashMap<>();
        Optional<String> language = Optional.empty();
        int messages;

        Conversation(Path database) {
            clock.advance(Duration.between(clock.instant(), java.time.Instant.parse("2026-12-01T09:00:00Z")));
            try {
                Files.createDirectories(database.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fixture = new ChatFixture(database.getParent().resolve(database.getFileName() + ".d"), clock);
        }

        List<String> act(String action) {
            if (action.equals("a week passes") || action.equals("a day passes")) {
                clock.advance(action.equals("a week passes") ? ChatService.CHECK_IN_AFTER.plusHours(1) : Duration.ofHours(25));
                return show(fixture.chat.releaseDueCheckIns().stream().map(Outgoing::reply).toList(), 0);
            }
            if (action.startsWith("/")) {
                return show(handle(new Incoming.Command(action.substring(1))), 0);
            }
            if (action.startsWith("types: ")) {
                return show(handle(new Incoming.Text()), 0);
            }
            if (action.equals("sends a sticker")) {
                return show(handle(new Incoming.Unsupported()), 0);
            }
            Matcher tap = TAP.matcher(action);
            if (tap.matches()) {
                int message = tap.group(2) != null ? Integer.parseInt(tap.group(2)) : newestWith(tap.group(1));
                // The message's buttons as they are now, else (a tap on a button since edited away) as they were.
                List<Keyboard> history = new ArrayList<>(keyboards.getOrDefault(message, List.of()));
                java.util.Collections.reverse(history);
                Button button = history.stream().flatMap(k -> k.buttons().stream())
                        .filter(b -> b.label().equals(tap.group(1))).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("message #" + message + " never had a button ["
                                + tap.group(1) + "]: " + action));
                return show(handle(new Incoming.Button(button.data())), message);
            }
            throw new IllegalArgumentException("not a person's action: " + action);
        }

        private List<Reply> handle(Incoming incoming) {
            return fixture.chat.handle(CHAT, OptionalLong.empty(), incoming, language);
        }

        private int newestWith(String label) {
            for (int message = messages; message > 0; message--) {
                List<Keyboard> history = keyboards.getOrDefault(message, List.of());
                if (!history.isEmpty() && history.get(history.size() - 1).buttons().stream().anyMatch(b -> b.label().equals(label))) {
                    return message;
                }
            }
            throw new IllegalArgumentException("no message shows a button [" + label + "]");
        }

        /** The replies as transcript lines; {@code pressed} is the message whose button was tapped (0: none). */
        private List<String> show(List<Reply> replies, int pressed) {
            List<String> lines = new ArrayList<>();
            for (Reply reply : replies) {
                if (reply instanceof Reply.Notice notice) {
                    lines.add("< " + (notice.alert() ? "alert" : "notice") + ": " + notice.text());
                } else if (reply instanceof Reply.Send send) {
                    messages++;
                    lines.add("< send #" + messages);
                    lines.addAll(message(send.html(), send.keyboard()));
                    keyboards.computeIfAbsent(messages, m -> new ArrayList<>()).add(send.keyboard());
                } else if (reply instanceof Reply.EditPressed edit) {
                    if (pressed == 0) {
                        throw new IllegalStateException("an edit of the pressed message, but nothing was pressed: " + edit);
                    }
                    lines.add("< edit #" + pressed);
                    lines.addAll(message(edit.html(), edit.keyboard()));
                    keyboards.computeIfAbsent(pressed, m -> new ArrayList<>()).add(edit.keyboard());
                }
            }
            return lines;
        }

        private static List<String> message(String html, Keyboard keyboard) {
            List<String> lines = new ArrayList<>();
            for (String line : html.split("\n", -1)) {
                lines.add(line.isEmpty() ? "|" : "| " + line);
            }
            for (List<Button> row : keyboard.rows()) {
                lines.add("  " + String.join("  ", row.stream().map(b -> "[" + b.label() + "]"
                        + (b.action() == Button.Action.SHARE ? " (opens a chat picker to share)" : "")).toList()));
            }
            return lines;
        }

        void close() {
            fixture.close();
        }
    }
}
