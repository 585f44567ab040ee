package org.backtriage.chat;

/** What arrived from a person, whatever the adapter. */
public sealed interface Incoming {

    /** A command such as {@code /start}; {@code name} is lower case without the slash or any @botname. */
    record Command(String name) implements Incoming {
    }

    /** Typed text that is not a command. Its content is never stored. */
    record Text() implements Incoming {
    }

    /** Anything else a person can send: stickers, photos, voice, files, locations... */
    record Unsupported() implements Incoming {
    }

    /** A command sent in a group or channel, where the bot does not hold conversations. */
    record NotPrivate() implements Incoming {
    }

    /** A button press, with the button's callback data. */
    record Button(String data) implements Incoming {
    }
}
