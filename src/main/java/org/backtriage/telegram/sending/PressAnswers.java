package org.backtriage.telegram.sending;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TelegramAnswer;
import org.slf4j.Logger;

/**
 * The answers to button presses, each sent as soon as it is known, in no lane: it takes no token
 * of any pace and waits behind nothing queued for the chat, only behind the answers to the chat's
 * earlier presses, so the person's spinner stops even while earlier messages wait for their turn.
 * A press is answered once, with the text of its first {@link Reply.Notice} when it has one,
 * otherwise without text. The messages sent for the press wait until it is answered
 * ({@link #awaitAnswered}). Retried like a message, but only {@link RetryPolicy#PRESS_ANSWER_TRIES}
 * times. Each chat's answers are sent in order on a thread of their own while there are any.
 *
 * <p>Lock order: the {@link Sender} calls in holding its own lock, never the other way round.
 */
final class PressAnswers {
    /** The sender's: operators set one logger's level for everything sent. */
    private static final Logger log = Subsystem.SENDER.logger();

    private final BotApi api;
    private final SenderOptions options;
    /** Starts a thread for a chat's answers; refuses once the sender is shut down. */
    private final Consumer<Runnable> threads;
    /** The presses being answered, or answered with replies still queued, by query id, in the order they came. */
    private final Map<String, Answer> presses = new LinkedHashMap<>();
    /** Each chat's answers being sent, by chat. */
    private final Map<Long, Deque<Answer>> lines = new HashMap<>();
    /** Answers dispatched and not yet settled. */
    private int unsettled;
    private boolean started;

    PressAnswers(BotApi api, SenderOptions options, Consumer<Runnable> threads) {
        this.api = api;
        this.options = options;
        this.threads = threads;
    }

    /** Answers are sent from now on: those registered before go first, in the order their presses came. */
    synchronized void start() {
        started = true;
        List.copyOf(presses.values()).forEach(this::dispatch);
    }

    /**
     * Registers the answer {@code outgoing}'s press needs, if it has one: once per press, with the
     * text of the press's first Notice.
     */
    synchronized void expect(Outgoing outgoing) {
        Optional<String> queryId = queryId(outgoing);
        if (queryId.isEmpty()) {
            return;
        }
        Answer answer = presses.computeIfAbsent(queryId.get(), id -> new Answer(outgoing.chatId(), id));
        answer.repliesLeft++;
        if (answer.notice.isEmpty() && outgoing.reply() instanceof Reply.Notice notice && !answer.dispatched) {
            answer.notice = Optional.of(notice);
        }
    }

    /** Sends the answers {@code replies}' presses need, unless under way. */
    synchronized void dispatchFor(List<Outgoing> replies) {
        replies.stream().flatMap(outgoing -> queryId(outgoing).stream()).map(presses::get).distinct()
                .forEach(this::dispatch);
    }

    /** Answers, without text, a press in chat {@code chatId} that has no replies of its own. */
    synchronized void answer(long chatId, String queryId) {
        dispatch(presses.computeIfAbsent(queryId, id -> new Answer(chatId, id)));
    }

    /** Returns once {@code outgoing} may go: it belongs to no press, or its press's answer is settled. */
    void awaitAnswered(Outgoing outgoing) throws InterruptedException {
        CompletableFuture<Void> settled;
        synchronized (this) {
            Answer answer = queryId(outgoing).map(presses::get).orElse(null);
            if (answer == null) {
                return;
            }
            settled = answer.settled;
        }
        try {
            settled.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an answer's settling never fails", e);
        }
    }

    /** One reply of a press is done: once none is left and it was answered, the press is forgotten. */
    synchronized void replyDone(Outgoing outgoing) {
        Optional<String> queryId = queryId(outgoing);
        if (queryId.isEmpty()) {
            return;
        }
        String id = queryId.get();
        Answer answer = presses.get(id);
        if (answer != null && --answer.repliesLeft <= 0 && answer.settled.isDone()) {
            presses.remove(id, answer);
        }
    }

    /** The press {@code outgoing} answers, if a press brought it (the body map's edits have none). */
    private static Optional<String> queryId(Outgoing outgoing) {
        return outgoing.press().flatMap(Press::queryId);
    }

    /** Answers dispatched and not yet settled. */
    synchronized int unsettled() {
        return unsettled;
    }

    /** Waits until every answer dispatched is settled; false when {@code deadline} ({@link System#nanoTime}) passed first. */
    synchronized boolean awaitSettled(long deadline) {
        return Await.until(this, () -> unsettled == 0, deadline);
    }

    /**
     * Sends a registered answer now, behind only its chat's answers to earlier presses, unless it
     * is under way or sending has not started. Holds this.
     */
    private void dispatch(Answer answer) {
        if (!started || answer.dispatched) {
            return;
        }
        answer.dispatched = true;
        unsettled++;
        Deque<Answer> line = lines.get(answer.chatId);
        if (line != null) {
            line.add(answer);
            return;
        }
        line = new ArrayDeque<>(List.of(answer));
        lines.put(answer.chatId, line);
        Deque<Answer> mine = line;
        threads.accept(() -> send(answer.chatId, mine));
    }

    /** One chat's answers, one at a time in the order the presses came, until none is left. */
    private void send(long chatId, Deque<Answer> line) {
        while (true) {
            Answer answer;
            synchronized (this) {
                answer = line.peek();
                if (answer == null) {
                    lines.remove(chatId, line);
                    return;
                }
            }
            try {
                answer.send();
            } catch (InterruptedException closing) {
                // Unsettled: the presses' messages stay in the outbox for the next start.
                return;
            } catch (RuntimeException e) {
                log.error("Answering a press in chat {} failed unexpectedly; it stays unanswered", chatId,
                        options.scrubber().scrub(e));
            }
            synchronized (this) {
                line.poll();
            }
            settled(answer);
        }
    }

    /** The answer is sent (or given up): the press's replies may go. */
    private synchronized void settled(Answer answer) {
        answer.settled.complete(null);
        unsettled--;
        if (answer.repliesLeft <= 0) {
            presses.remove(answer.queryId, answer);
        }
        notifyAll();
    }

    /** The answer to one press. Fields guarded by PressAnswers.this, but for those only its line's thread touches. */
    private final class Answer {
        final long chatId;
        final String queryId;
        /** Complete once the answer is sent or given up. */
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        /** The toast or pop-up the answer shows: the first Notice queued for the press. */
        Optional<Reply.Notice> notice = Optional.empty();
        /** The press's replies still queued. */
        int repliesLeft;
        boolean dispatched;
        private final CappedBackOff backOff = new CappedBackOff(options.tuning().retryFirst(), options.tuning().retryMax(),
                options.tuning().retryJitter(), () -> ThreadLocalRandom.current().nextDouble());

        Answer(long chatId, String queryId) {
            this.chatId = chatId;
            this.queryId = queryId;
        }

        /** Sends the answer, trying again after a failure or a 429 up to {@link RetryPolicy#PRESS_ANSWER_TRIES} times. */
        void send() throws InterruptedException {
            Optional<Reply.Notice> text;
            synchronized (PressAnswers.this) {
                text = notice;
            }
            for (int tries = 1; ; tries++) {
                TelegramAnswer answer = api.answerPressWith(queryId, text);
                long wait = switch (Next.after(answer, chatId)) {
                    case Next.PauseAll(var retryAfter) -> retryAfter.toNanos();
                    case Next.BackOff _ -> TimeUnit.MILLISECONDS.toNanos(backOff.nextBackOffMillis());
                    case Next.Done _, Next.GiveUp _, Next.DropChat _, Next.SendAsNew _ -> -1;
                };
                if (wait < 0 || tries >= RetryPolicy.PRESS_ANSWER_TRIES || Thread.currentThread().isInterrupted()) {
                    if (!answer.done()) {
                        log.warn("Bot API answerCallbackQuery failed: {}; the press in chat {} stays unanswered",
                                answer.describe(), chatId);
                    } else if (!answer.description().isEmpty()) {
                        log.debug("Bot API answerCallbackQuery: {}", answer.describe());
                    }
                    return;
                }
                if (tries == 1) {
                    log.warn("Bot API answerCallbackQuery failed: {}; answering the press in chat {} again in {} ms",
                            answer.describe(), chatId, TimeUnit.NANOSECONDS.toMillis(wait));
                }
                options.timing().sleep(wait);
            }
        }
    }
}
