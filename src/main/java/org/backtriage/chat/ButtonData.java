package org.backtriage.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Input;

/**
 * Every button's callback data, in one namespace: what a press means ({@link Press}), written as
 * a short tag and its fields, separated by ':' (tree ids never hold one), and read back. Telegram
 * allows 1–64 bytes, which {@link ContentChecks} checks for every button a tree can show. The
 * format is stable: buttons stay in the chat history, and a changed one would turn old buttons
 * into garbage.
 */
public final class ButtonData {
    /** Telegram's limit on a button's callback data. */
    public static final int MAX_BYTES = 64;
    private static final List<String> FEELINGS = List.of("better", "same", "worse");

    private ButtonData() {
    }

    /** What a button press asks for. */
    public sealed interface Press {
    }

    /** An answer to the questions (a pick, Done, Back, Start, Start again): the engine's input. */
    public record Answer(Input input) implements Press {
    }

    /** "Why?" under a question: the reason it is asked, in a pop-up. */
    public record Why(String questionId) implements Press {
    }

    /** "Continue" after a long rest. */
    public record Continue() implements Press {
    }

    /** The answer to "delete everything?": {@link #YES} or {@link #NO}. */
    public record Forget(boolean yes) implements Press {
        public static final Forget YES = new Forget(true);
        public static final Forget NO = new Forget(false);
    }

    /** A language chosen with /language. */
    public record Language(String code) implements Press {
    }

    /** "Check on me in a week" (or tomorrow) under an ending. */
    public record CheckInOffer() implements Press {
    }

    /** "My clinician agreed" under an ending that asked the person to see a clinician before a massage. */
    public record Agreed() implements Press {
    }

    /** At a check-in: how the back is now (better, same, worse). */
    public record CheckInFeeling(String feeling) implements Press {
    }

    /** At a check-in: what became of the visit the ending advised (one of {@link CheckIn.Visit}'s ids). */
    public record CheckInVisit(String visit) implements Press {
    }

    /** At a check-in: an answer to the red-flag screen asked again (a pick, Done or Back), for the engine. */
    public record CheckInAnswer(Input input) implements Press {
    }

    public static String encode(Press press) {
        return switch (press) {
            case Answer(Input input) -> encodeInput("", input);
            case CheckInAnswer(Input input) -> switch (input) {
                case Input.Pick _, Input.Done _, Input.Back _ -> encodeInput("fu:", input);
                case Input.Mark _, Input.Begin _, Input.Restart _ ->
                        throw new IllegalArgumentException("a check-in answers with a pick, Done or Back: " + press);
            };
            case Why(String questionId) -> "w:" + questionId;
            case Continue _ -> "c";
            case Forget(boolean yes) -> yes ? "f:yes" : "f:no";
            case Language(String code) -> "l:" + code;
            case CheckInOffer _ -> "fu:on";
            case Agreed _ -> "ag";
            case CheckInFeeling(String feeling) -> "fu:" + feeling;
            case CheckInVisit(String visit) -> "fu:v:" + visit;
        };
    }

    /** An answer's input, after {@code prefix} ("fu:" for the check-in's, whose picks are "s:" rather than "p:"). */
    private static String encodeInput(String prefix, Input input) {
        return switch (input) {
            case Input.Pick(String questionId, String optionId) ->
                    prefix + (prefix.isEmpty() ? "p:" : "s:") + questionId + ":" + optionId;
            case Input.Done(String questionId) -> prefix + "d:" + questionId;
            case Input.Back _ -> prefix + "b";
            case Input.Mark _ -> throw new IllegalArgumentException("the body map's answer comes from its page, never from a button");
            case Input.Begin _ -> "s";
            case Input.Restart _ -> "r";
        };
    }

    /** The press written in {@code data}, or empty if it is not one of ours (garbage, or from another version). */
    public static Optional<Press> decode(String data) {
        String[] parts = data.split(":", -1);
        if (java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (parts[0]) {
            case "p" -> parts.length == 3 ? new Answer(new Input.Pick(parts[1], parts[2])) : null;
            case "d" -> parts.length == 2 ? new Answer(new Input.Done(parts[1])) : null;
            case "b" -> parts.length == 1 ? new Answer(new Input.Back()) : null;
            case "s" -> parts.length == 1 ? new Answer(new Input.Begin()) : null;
            case "r" -> parts.length == 1 ? new Answer(new Input.Restart()) : null;
            case "w" -> parts.length == 2 ? new Why(parts[1]) : null;
            case "c" -> parts.length == 1 ? new Continue() : null;
            case "f" -> parts.length == 2 && List.of("yes", "no").contains(parts[1]) ? new Forget(parts[1].equals("yes")) : null;
            case "l" -> parts.length == 2 ? new Language(parts[1]) : null;
            case "ag" -> parts.length == 1 ? new Agreed() : null;
            case "fu" -> checkIn(parts);
            default -> null;
        });
    }

    private static Press checkIn(String[] parts) {
        if (parts.length == 2 && parts[1].equals("on")) {
            return new CheckInOffer();
        }
        if (parts.length == 2 && FEELINGS.contains(parts[1])) {
            return new CheckInFeeling(parts[1]);
        }
        if (parts.length == 3 && parts[1].equals("v") && CheckIn.Visit.of(parts[2]).isPresent()) {
            return new CheckInVisit(parts[2]);
        }
        if (parts.length == 3 && parts[1].equals("seen") && List.of("yes", "no").contains(parts[2])) {
            // The first check-ins' "have you seen a clinician?", still in chats: yes or not yet.
            return new CheckInVisit((parts[2].equals("yes") ? CheckIn.Visit.SEEN : CheckIn.Visit.NOT_YET).id());
        }
        if (parts.length == 2 && parts[1].equals("b")) {
            return new CheckInAnswer(new Input.Back());
        }
        if (parts.length == 3 && parts[1].equals("d")) {
            return new CheckInAnswer(new Input.Done(parts[2]));
        }
        return parts.length == 4 && parts[1].equals("s") ? new CheckInAnswer(new Input.Pick(parts[2], parts[3])) : null;
    }

    static int bytes(Press press) {
        return encode(press).getBytes(StandardCharsets.UTF_8).length;
    }
}
