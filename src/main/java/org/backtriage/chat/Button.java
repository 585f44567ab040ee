package org.backtriage.chat;

import java.util.Objects;

/**
 * An inline button: the label a person sees and, for a {@link Action#PRESS} button, the data
 * sent back when it is tapped; for a {@link Action#SHARE} button, the text put after the bot's
 * name when the person picks a chat to share into (Telegram's inline mode); for a
 * {@link Action#WEB_APP} button, the https address of the page it opens inside the messenger.
 */
public record Button(String label, String data, Action action) {
    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(action, "action");
    }

    /** A button that sends {@code data} back when tapped. */
    public Button(String label, String data) {
        this(label, data, Action.PRESS);
    }

    /** A button that lets the person choose a chat and share the bot's answer to {@code query} into it. */
    public static Button share(String label, String query) {
        return new Button(label, query, Action.SHARE);
    }

    /** A button that opens the page at {@code url} inside the messenger (a Telegram Mini App). */
    public static Button webApp(String label, String url) {
        return new Button(label, url, Action.WEB_APP);
    }

    /** What tapping the button does. */
    public enum Action {
        PRESS, SHARE, WEB_APP
    }
}
