package org.backtriage.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.backtriage.chat.Button;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.triage.Messages;

/**
 * The conversation in a terminal: buttons become numbered lines, a typed number presses one,
 * commands work as on Telegram. Reads until end of input, so it can be driven through a pipe.
 */
public final class ConsoleRunner {
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

    private final BufferedReader in;
    private final PrintStream out;
    private final ChatService chat;
    private final long chatId;
    private final Messages messages;
    private List<Button> buttons = List.of();
    /** The text of the message last shown, to tell a change of ticks from a new question. */
    private String lastShown = "";

    public ConsoleRunner(BufferedReader in, PrintStream out, ChatService chat, long chatId) {
        this.in = in;
        this.out = out;
        this.chat = chat;
        this.chatId = chatId;
        this.messages = chat.messages();
    }

    /** Runs the conversation until the input ends. */
    public void run() {
        out.println(messages.text("console.intro"));
        out.println();
        show(chat.handle(chatId, OptionalLong.empty(), new Incoming.Command("start")));
        String line;
        while ((line = readLine()) != null) {
            String typed = line.strip();
            if (typed.isEmpty()) {
                continue;
            }
            Optional<Incoming> incoming = incoming(typed);
            if (incoming.isEmpty()) {
                out.println(messages.text("console.reprompt"));
                continue;
            }
            show(chat.handle(chatId, OptionalLong.empty(), incoming.get()));
        }
        out.println();
        out.println(messages.text("console.bye"));
    }

    private Optional<Incoming> incoming(String typed) {
        if (typed.startsWith("/")) {
            String name = typed.substring(1).split("[\\s@]", 2)[0].toLowerCase(java.util.Locale.ROOT);
            return Optional.of(new Incoming.Command(name));
        }
        if (NUMBER.matcher(typed).matches()) {
            int index = Integer.parseInt(typed) - 1;
            if (index >= 0 && index < buttons.size()) {
                return Optional.of(new Incoming.Button(buttons.get(index).data()));
            }
        }
        return Optional.empty();
    }

    private void show(List<Reply> replies) {
        for (Reply reply : replies) {
            switch (reply) {
                case Reply.Notice(String text, _) -> out.println(messages.format("console.notice", Map.of("text", text)));
                case Reply.Send(String html, Keyboard keyboard) -> {
                    out.println(plain(html));
                    printButtons(keyboard);
                    out.println();
                    lastShown = html;
                }
                case Reply.EditPressed(String html, Keyboard keyboard, boolean transcript) when !transcript -> {
                    // Telegram rewrites the pressed message; a terminal has no message to rewrite, so it
                    // prints what changed: only the buttons when just the ticks changed, else all of it.
                    if (!html.equals(lastShown) || keyboard.isEmpty()) {
                        out.println(plain(html));
                    }
                    printButtons(keyboard);
                    out.println();
                    lastShown = html;
                }
                case Reply.EditPressed _ -> {
                    // A transcript of the answer given: a terminal has no message history to keep it in.
                }
            }
        }
        // Numbers typed next press the newest buttons shown; a batch without buttons leaves them as they were.
        Keyboard newest = lastKeyboard(replies);
        if (!newest.isEmpty()) {
            buttons = pressable(newest);
        }
    }

    private static Keyboard lastKeyboard(List<Reply> replies) {
        Keyboard last = Keyboard.NONE;
        for (Reply reply : replies) {
            Keyboard keyboard = switch (reply) {
                case Reply.Send send -> send.keyboard();
                case Reply.EditPressed edit -> edit.keyboard();
                case Reply.Notice _ -> Keyboard.NONE;
            };
            if (!keyboard.isEmpty()) {
                last = keyboard;
            }
        }
        return last;
    }

    private void printButtons(Keyboard keyboard) {
        List<Button> all = pressable(keyboard);
        for (int i = 0; i < all.size(); i++) {
            out.println("  " + (i + 1) + ". " + plain(all.get(i).label()));
        }
    }

    /** The buttons a terminal can press: sharing into another chat is Telegram's alone. */
    private static List<Button> pressable(Keyboard keyboard) {
        return keyboard.buttons().stream().filter(b -> b.action() == Button.Action.PRESS).toList();
    }

    /** Telegram HTML to terminal text. */
    static String plain(String html) {
        return TAG.matcher(html).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console input", e);
        }
    }
}
