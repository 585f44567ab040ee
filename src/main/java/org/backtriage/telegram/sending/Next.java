package org.backtriage.telegram.sending;

import java.time.Duration;
import java.util.Objects;
import org.backtriage.telegram.client.TelegramAnswer;

/**
 * What the sender does with a reply after one Bot API call, decided by one switch over what
 * Telegram answered ({@link #after}):
 *
 * <p>taken, or done already ("message is not modified", "query is too old") → done; 429 → every
 * chat waits {@code retry_after}, then it is sent again; 403 (the person blocked the bot) →
 * everything waiting for that chat is dropped; an edit of a message that can no longer be edited,
 * or a group that became a supergroup → sent as a new message (to the new chat); other 4xx →
 * given up; 5xx, a proxy's page, 401 and 404, timeouts, dropped connections → back off and send again.
 */
sealed interface Next {
    Next DONE = new Done();
    Next DROP_CHAT = new DropChat();
    Next BACK_OFF = new BackOff();
    /** Counted as given up: refused for good by the messenger. */
    Next REFUSED = new GiveUp("refused");
    /** Counted as given up: queued longer ago than {@link RetryPolicy#REPLY_LIFETIME}. */
    Next TOO_OLD = new GiveUp("too_old");

    /** Sent, or as good as sent: it leaves the lane and the outbox. */
    record Done() implements Next {
    }

    /** Never to be sent: it leaves the lane and the outbox, counted as given up for {@code reason}. */
    record GiveUp(String reason) implements Next {
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The person blocked the bot: everything waiting for the chat is dropped. */
    record DropChat() implements Next {
    }

    /** Telegram asks to slow down: send it again after {@code retryAfter}, and nothing to any chat before then. */
    record PauseAll(Duration retryAfter) implements Next {
        public PauseAll {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Worth trying again: after the chat's back-off, which doubles with each failure up to a cap. */
    record BackOff() implements Next {
    }

    /** What the reply shows goes as a new message to chat {@code chatId} instead. */
    record SendAsNew(long chatId) implements Next {
    }

    /** What to do after Telegram gave {@code answer} to a call for chat {@code chatId}. */
    static Next after(TelegramAnswer answer, long chatId) {
        return switch (answer.kind()) {
            case OK, ALREADY_DONE -> DONE;
            // Telegram's flood limit is usually the bot's: every chat waits, not only this one.
            case THROTTLED -> new PauseAll(answer.retryAfter().orElseThrow());
            case BLOCKED -> DROP_CHAT;
            case MIGRATED -> new SendAsNew(answer.migrateToChatId().orElseThrow());
            // The refused edit showed nothing, so the new message is still the one message of this reply.
            case EDIT_IMPOSSIBLE -> new SendAsNew(chatId);
            case REFUSED -> REFUSED;
            case TRY_AGAIN -> BACK_OFF;
        };
    }
}
