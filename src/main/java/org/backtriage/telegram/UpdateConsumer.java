package org.backtriage.telegram;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles each batch of updates from long polling, in order, on the polling thread: each update
 * is one {@link ChatService#handleQueued} transaction (session change, processed update id and
 * replies together), and the queued replies go to the {@link Sender}. Nothing here waits for
 * Telegram, so polling goes on while replies are sent.
 *
 * <p>{@link #consume} never throws: an exception escaping it would silently stop the library's
 * polling for good. Each update is handled on its own and a failure is logged with the update
 * id only (never what the person wrote).
 *
 * <p>A batch is confirmed to Telegram only when the next poll starts, so after a crash or a
 * restart it comes again; {@link ChatService} remembers processed update ids and queues nothing
 * for one it has seen, and the replies it queued before are in the outbox.
 */
final class UpdateConsumer implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateConsumer.class);

    private final ChatService chat;
    private final Sender sender;
    private final TokenScrubber scrubber;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean busy = new AtomicBoolean();

    UpdateConsumer(ChatService chat, Sender sender, TokenScrubber scrubber) {
        this.chat = chat;
        this.sender = sender;
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
        } else if (received instanceof Received.Inline inline) {
            // Ephemeral (Telegram forgets an inline query within seconds): answered at once, not queued.
            sender.answerInline(inline.queryId(), chat.shareable(inline.person(), inline.language()),
                    chat.nothingToShare(inline.language()));
        } else if (received instanceof Received.UnplacedPress press) {
            log.debug("Update {}: a button press outside the presser's private chat; answered only", update.getUpdateId());
            sender.answer(press.presser(), press.queryId());
        } else {
            Received.ForChat event = (Received.ForChat) received;
            List<Outgoing> queued;
            try {
                queued = chat.handleQueued(event.chatId(), update.getUpdateId(), event.press(), event.incoming(),
                        event.language());
            } catch (Throwable e) {
                // The person's client waits for every press to be answered, whatever went wrong.
                event.press().ifPresent(press -> sender.answer(event.chatId(), press.id()));
                throw e;
            }
            if (queued.isEmpty()) {
                // ChatService answers every new event; nothing means this update was handled
                // before (a re-delivery), its replies sent or still in the outbox.
                log.debug("Update {} was handled before; nothing to send", update.getUpdateId());
                return;
            }
            sender.queue(event.chatId(), queued);
        }
    }
}
