package org.backtriage.telegram.sending;

import java.util.List;
import java.util.Optional;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outgoing;

/** Where the intakes and the check-in rounds hand what is to be sent: a {@link Sender}, or {@link LeasedSending}. */
public interface SendQueue {
    /** Queues replies just written to the outbox for chat {@code chatId}. */
    void queue(long chatId, List<Outgoing> replies);

    /** Answers, without text, a press in chat {@code chatId} that has no replies of its own. */
    void answer(long chatId, String queryId);

    /** Answers an inline query, once; a failure is logged. */
    void answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare);
}
