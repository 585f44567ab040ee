package org.backtriage.triage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How an {@link Input} is written into a button's callback data and read back. Telegram allows
 * 1–64 bytes, which {@link TreeValidator} checks for every button of a tree.
 */
public final class ButtonData {
    public static final int MAX_BYTES = 64;

    private ButtonData() {
    }

    public static String encode(Input input) {
        if (input instanceof Input.Pick pick) {
            return "p:" + pick.questionId() + ":" + pick.optionId();
        }
        if (input instanceof Input.Done done) {
            return "d:" + done.questionId();
        }
        if (input instanceof Input.Back) {
            return "b";
        }
        if (input instanceof Input.Begin) {
            return "s";
        }
        if (input instanceof Input.Restart) {
            return "r";
        }
        throw new IllegalArgumentException("no button for " + input);
    }

    /** The input written in {@code data}, or empty if it is not one of ours (garbage, or from another version). */
    public static Optional<Input> decode(String data) {
        String[] parts = data.split(":", -1);
        switch (parts[0]) {
            case "p":
                return parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()
                        ? Optional.of(new Input.Pick(parts[1], parts[2])) : Optional.empty();
            case "d":
                return parts.length == 2 && !parts[1].isEmpty() ? Optional.of(new Input.Done(parts[1])) : Optional.empty();
            case "b":
                return parts.length == 1 ? Optional.of(new Input.Back()) : Optional.empty();
            case "s":
                return parts.length == 1 ? Optional.of(new Input.Begin()) : Optional.empty();
            case "r":
                return parts.length == 1 ? Optional.of(new Input.Restart()) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    static int bytes(Input input) {
        return encode(input).getBytes(StandardCharsets.UTF_8).length;
    }
}
