package org.backtriage.telegram.intake;

import java.util.List;
import java.util.Optional;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Event;
import org.backtriage.chat.Handled;
import org.backtriage.chat.Press;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.TokenScrubber;
import org.backtriage.telegram.sending.SendQueue;
import org.slf4j.Logger;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What both intakes do with an update, polled or posted to the webhook: read it
 * ({@link UpdateReader}), deal at once with what needs no conversation, and once the chat layer
 * has handled the events, hand their replies to the {@code Sender}. Logs name the update id
 * only, never what the person wrote.
 */
public final class UpdateIntake {
    private static final Logger log = Subsystem.INTAKE.logger();

    private final ChatService chat;
    private final SendQueue sender;
    private final TokenScrubber scrubber;

    /** Reads updates for {@code chat}, handing what is to be sent to {@code sender}; {@code scrubber} masks the token in logs. */
    public UpdateIntake(ChatService chat, SendQueue sender, TokenScrubber scrubber) {
        this.chat = chat;
        this.sender = sender;
        this.scrubber = scrubber;
    }

    ChatService chat() {
        return chat;
    }

    TokenScrubber scrubber() {
        return scrubber;
    }

    /**
     * Reads one update: what needs no conversation (ignored updates, inline queries, presses that
     * cannot be placed) is dealt with at once; an event for a chat is returned, to be handled by
     * the chat layer. Never throws: an update that cannot be read is logged and left.
     */
    Optional<Event> read(Update update) {
        Integer id = update == null ? null : update.getUpdateId();
        try {
            switch (UpdateReader.read(update)) {
                case Received.ForChat(long chatId, var incoming, var press, var language) -> {
                    return Optional.of(new Event(chatId, id, press, incoming, language));
                }
                case Received.Ignored(String what) -> log.debug("Update {} ignored: {}", id, what);
                // Ephemeral (Telegram forgets an inline query within seconds): answered at once, not queued.
                case Received.Inline(String queryId, long person, var language) ->
                        sender.answerInline(queryId, chat.shareable(person, language), chat.nothingToShare(person, language));
                case Received.UnplacedPress(String queryId, long presser) -> {
                    log.debug("Update {}: a button press outside the presser's private chat; answered only", id);
                    sender.answer(presser, queryId);
                }
            }
        } catch (Throwable e) {
            log.error("Update {} could not be handled", id, scrubber.scrub(e));
        }
        return Optional.empty();
    }

    /**
     * Hands what the chat layer made of each event to the sender: its replies, or for one that
     * failed, an answer to its press (the person's client stops waiting) and one error line.
     */
    void settle(List<Handled> handled) {
        for (Handled result : handled) {
            Event event = result.event();
            if (result.failure().isPresent()) {
                event.press().flatMap(Press::queryId).ifPresent(query -> sender.answer(event.chatId(), query));
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
}
