package org.backtriage.telegram;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles each batch of updates from long polling, in order, on the polling thread.
 *
 * <p>{@link #consume} never throws: an exception escaping it would silently stop the library's
 * polling for good. Each update is handled on its own and a failure is logged with the update
 * id only (never what the person wrote).
 *
 * <p>A batch is confirmed to Telegram only when the next poll starts, so after a crash or a
 * restart it comes again; {@link ChatService} remembers processed update ids and returns no
 * replies for one it has seen.
 */
final class UpdateConsumer implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateConsumer.class);

    private final ChatService chat;
    private final BotApi api;
    private final TokenScrubber scrubber;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean busy = new AtomicBoolean();

    UpdateConsumer(ChatService chat, BotApi api, TokenScrubber scrubber) {
        this.chat = chat;
        this.api = api;
        this.scrubber = scrubber;
    }

    @Override
    public void consume(List<Update> updates) {
        busy.set(true);
        try {
            for (int i = 0; i < updates.size(); i++) {
                if (stopping.get()) {
                    // Not confirmed to Telegram yet: they come again on the next start.
                    log.info("Stopping; {} update(s) of this batch are left for the next start", updates.size() - i);
                    return;
                }
                consumeOne(updates.get(i));
            }
        } catch (Throwable e) {
            log.error("A batch of updates could not be handled", scrubber.scrub(e));
        } finally {
            busy.set(false);
        }
    }

    /** Asks {@link #consume} to stop before the next update of its batch. */
    void stop() {
        stopping.set(true);
    }

    /** Whether a batch is being handled right now. */
    boolean busy() {
        return busy.get();
    }

    private void consumeOne(Update update) {
        Integer id = update == null ? null : update.getUpdateId();
        try {
            handle(update);
        } catch (Throwable e) {
            log.error("Update {} could not be handled", id, scrubber.scrub(e));
        }
    }

    private void handle(Update update) {
        Received received = UpdateReader.read(update);
        if (received instanceof Received.Ignored ignored) {
            log.debug("Update {} ignored: {}", update.getUpdateId(), ignored.what());
        } else if (received instanceof Received.UnplacedPress press) {
            log.debug("Update {}: a button press outside a private chat; answered only", update.getUpdateId());
            api.answerPress(press.queryId(), Optional.empty());
        } else {
            Received.ForChat event = (Received.ForChat) received;
            List<Reply> replies;
            try {
                replies = chat.handle(event.chatId(), OptionalLong.of(update.getUpdateId()), event.incoming());
            } catch (Throwable e) {
                // The person's client waits for every press to be answered, whatever went wrong.
                event.pressed().ifPresent(pressed -> api.answerPress(pressed.queryId(), Optional.empty()));
                throw e;
            }
            if (replies.isEmpty()) {
                // ChatService answers every new event; nothing means this update was handled
                // before a restart, its press answered then.
                log.debug("Update {} was handled before; nothing to send", update.getUpdateId());
                return;
            }
            deliver(event, replies);
        }
    }

    /** Shows {@code replies}: the press answered first (with the notice, if any), then the rest in order. */
    void deliver(Received.ForChat event, List<Reply> replies) {
        event.pressed().ifPresent(pressed -> api.answerPress(pressed.queryId(), replies.stream()
                .filter(Reply.Notice.class::isInstance)
                .map(reply -> ((Reply.Notice) reply).text())
                .findFirst()));
        for (Reply reply : replies) {
            if (reply instanceof Reply.Send send) {
                api.send(event.chatId(), send.html(), send.keyboard());
            } else if (reply instanceof Reply.EditPressed edit) {
                if (event.pressed().isPresent()) {
                    api.edit(event.pressed().get(), edit.html(), edit.keyboard());
                } else {
                    log.debug("An edit reply to something other than a button press was skipped");
                }
            }
            // A Notice was shown as the answer to the press, or has nothing to attach to.
        }
    }
}
