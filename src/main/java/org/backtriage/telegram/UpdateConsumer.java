package org.backtriage.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles each batch of updates from long polling, in order, on the polling thread: the whole
 * batch is one {@link ChatService#handleBatch} transaction (session changes, processed update ids
 * and replies together, one commit per poll), and the queued replies go to the {@link Sender}. Nothing here waits for
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
            if (stopping.get()) {
                // Not confirmed to Telegram yet: they come again on the next start.
                log.info("Stopping; a batch of {} update(s) is left for the next start", updates.size());
                return;
            }
            List<Event> events = new ArrayList<>(updates.size());
            for (Update update : updates) {
                read(update).ifPresent(events::add);
            }
            handle(events);
        } catch (Throwable e) {
            log.error("A batch of updates could not be handled", scrubber.scrub(e));
        } finally {
            busy.set(false);
        }
    }

    /**
     * Reads one update: what needs no conversation (ignored updates, inline queries, presses that
     * cannot be placed) is dealt with at once; an event for a chat is returned, to be handled
     * with the rest of its batch.
     */
    private Optional<Event> read(Update update) {
        Integer id = update == null ? null : update.getUpdateId();
        try {
            Received received = UpdateReader.read(update);
            if (received instanceof Received.Ignored ignored) {
                log.debug("Update {} ignored: {}", id, ignored.what());
            } else if (received instanceof Received.Inline inline) {
                // Ephemeral (Telegram forgets an inline query within seconds): answered at once, not queued.
                sender.answerInline(inline.queryId(), chat.shareable(inline.person(), inline.language()),
                        chat.nothingToShare(inline.language()));
            } else if (received instanceof Received.UnplacedPress press) {
                log.debug("Update {}: a button press outside the presser's private chat; answered only", id);
                sender.answer(press.presser(), press.queryId());
            } else {
                Received.ForChat event = (Received.ForChat) received;
                return Optional.of(new Event(event.chatId(), id, event.press(), event.incoming(), event.language()));
            }
        } catch (Throwable e) {
            log.error("Update {} could not be handled", id, scrubber.scrub(e));
        }
        return Optional.empty();
    }

    /**
     * Handles a batch's events in one {@link ChatService#handleBatch} transaction (session
     * changes, processed update ids and replies together), then hands the queued replies to the
     * sender. Every press is answered, even when its event failed.
     */
    private void handle(List<Event> events) {
        List<Handled> handled;
        try {
            handled = chat.handleBatch(events);
        } catch (RuntimeException batchFailed) {
            if (events.size() == 1) {
                handled = List.of(Handled.failed(events.get(0), batchFailed));
            } else {
                // The batch's one transaction failed (e.g. the database was busy): try each update on its own.
                log.warn("A batch of {} updates could not be saved together ({}); trying them one by one", events.size(),
                        scrubber.scrub(String.valueOf(batchFailed.getMessage())));
                handled = new ArrayList<>();
                for (Event event : events) {
                    try {
                        handled.addAll(chat.handleBatch(List.of(event)));
                    } catch (RuntimeException failed) {
                        handled.add(Handled.failed(event, failed));
                    }
                }
            }
        }
        for (Handled result : handled) {
            Event event = result.event();
            if (result.failure().isPresent()) {
                event.press().ifPresent(press -> sender.answer(event.chatId(), press.id()));
                log.error("Update {} could not be handled", event.updateId(), scrubber.scrub(result.failure().get()));
            } else if (result.queued().isEmpty()) {
                // ChatService answers every new event; nothing means this update was handled
                // before (a re-delivery), its replies sent or still in the outbox.
                log.debug("Update {} was handled before; nothing to send", event.updateId());
            } else {
                sender.queue(event.chatId(), result.queued());
            }
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
}
