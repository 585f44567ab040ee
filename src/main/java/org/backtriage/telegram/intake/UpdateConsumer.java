package org.backtriage.telegram.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.SendQueue;
import org.slf4j.Logger;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles each batch of updates from long polling, in order, on the polling thread: the whole
 * batch is one {@link ChatService#handleBatch} transaction (session changes, processed update ids
 * and replies together, one commit per poll), and the queued replies go to the {@code Sender}. Nothing here waits for
 * Telegram, so polling goes on while replies are sent.
 *
 * <p>{@link #consume} never throws: an exception escaping it would end the poller's thread, and
 * polling with it. Each update is handled on its own and a failure is logged with the update
 * id only (never what the person wrote).
 *
 * <p>A batch is confirmed to Telegram only when the next poll starts, so after a crash or a
 * restart it comes again; {@link ChatService} remembers processed update ids and queues nothing
 * for one it has seen, and the replies it queued before are in the outbox.
 */
public final class UpdateConsumer {
    private static final Logger log = Subsystem.INTAKE.logger();

    private final UpdateIntake intake;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** As below, with an intake of its own for {@code chat}, {@code sender} and {@code scrubber}. */
    public UpdateConsumer(ChatService chat, SendQueue sender, TokenScrubber scrubber) {
        this(new UpdateIntake(chat, sender, scrubber));
    }

    /** Hands each batch's updates to {@code intake}. */
    public UpdateConsumer(UpdateIntake intake) {
        this.intake = intake;
    }

    public void consume(List<Update> updates) {
        try {
            if (stopping.get()) {
                // Not confirmed to Telegram yet: they come again on the next start.
                log.info("Stopping; a batch of {} update(s) is left for the next start", updates.size());
                return;
            }
            List<Event> events = new ArrayList<>(updates.size());
            for (Update update : updates) {
                intake.read(update).ifPresent(events::add);
            }
            intake.settle(handle(events));
        } catch (Throwable e) {
            log.error("A batch of updates could not be handled", intake.scrubber().scrub(e));
        }
    }

    /**
     * Handles a batch's events in one {@link ChatService#handleBatch} transaction (session
     * changes, processed update ids and replies together); when that transaction fails, each
     * event on its own.
     */
    private List<Handled> handle(List<Event> events) {
        ChatService chat = intake.chat();
        try {
            return chat.handleBatch(events);
        } catch (RuntimeException batchFailed) {
            if (events.size() == 1) {
                return List.of(Handled.failed(events.get(0), batchFailed));
            }
            // The batch's one transaction failed (e.g. the database was busy): try each update on its own.
            log.warn("A batch of {} updates could not be saved together ({}); trying them one by one", events.size(),
                    intake.scrubber().scrub(String.valueOf(batchFailed.getMessage())));
            List<Handled> handled = new ArrayList<>();
            for (Event event : events) {
                try {
                    handled.addAll(chat.handleBatch(List.of(event)));
                } catch (RuntimeException failed) {
                    handled.add(Handled.failed(event, failed));
                }
            }
            return handled;
        }
    }

    /** Asks {@link #consume} to stop before the next update of its batch. */
    public void stop() {
        stopping.set(true);
    }
}
