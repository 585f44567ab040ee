package org.backtriage.chat;

import java.util.Objects;

/** What to show a person in answer to one incoming event. Texts are Telegram HTML. */
public sealed interface Reply {

    /** A new message, with buttons or {@link Keyboard#NONE}. */
    record Send(String html, Keyboard keyboard) implements Reply {
        public Send {
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(keyboard, "keyboard");
        }
    }

    /**
     * Replace the message whose button was just pressed (or that the body map was opened from):
     * with updated ticks, a result, or (when {@code transcript}) the same message showing the
     * answer given, which adapters without message history may skip.
     */
    record EditPressed(String html, Keyboard keyboard, boolean transcript) implements Reply {
        public EditPressed {
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(keyboard, "keyboard");
        }

        /** The pressed message rewritten: every adapter shows it. */
        public EditPressed(String html, Keyboard keyboard) {
            this(html, keyboard, false);
        }
    }

    /**
     * A short notice shown as the answer to a button press: a toast, or with {@code alert} a
     * pop-up the person closes (at most 200 characters).
     */
    record Notice(String text, boolean alert) implements Reply {
        public Notice {
            Objects.requireNonNull(text, "text");
        }

        public Notice(String text) {
            this(text, false);
        }

        /** A notice the person reads in a pop-up and closes. */
        public static Notice popUp(String text) {
            return new Notice(text, true);
        }
    }
}
