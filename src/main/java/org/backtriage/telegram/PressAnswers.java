package org.backtriage.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers to button presses, each sent as soon as it is known, in no lane: it takes no token
 * of any pace and waits behind nothing queued for the chat, only behind the answers to the chat's
 * earlier presses, so the person's spinner stops even while earlier messages wait for their turn.
 * A press is answered once, with the text of its first {@link Reply.Notice} when it has one,
 * otherwise without text. The messages sent for the press wait until it is answered: a lane that
 * reaches one is parked and woken once the answer is settled (sent or given up). Retried like a
 * message, but only {@link RetryPolicy#PRESS_ANSWER_TRIES} times.
 *
 * <p>Lock order: the {@link Sender} calls in holding its own lock, never the other way round.
 */
final class PressAnswers {
    /** The sender's: operators set one logger's level for everything sent. */
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    /** Answers one chat's line sends before giving its thread to others. */
    private static final int ANSWERS_PER_TURN = 8;

    private final BotApi api;
    private final Tuning tuning;
    private final SharedPace.Scheduler scheduler;
    private final TokenScrubber scrubber;
    private final BooleanSupplier closing;
    /** The presses being answered, or answered with replies still queued, by query id, in the order they came. */
    private final Map<String, Answer> presses = new LinkedHashMap<>();
    /** Each chat's answers being sent, by chat. */
    private final Map<Long, AnswerLine> lines = new HashMap<>();
    /** Answers dispatched and not yet settled. */
    private int unsettled;
    private boolean started;

    PressAnswers(BotApi api, Tuning tuning, SharedPace.Scheduler scheduler, TokenScrubber scrubber, BooleanSupplier closing) {
        this.api = api;
        this.tuning = tuning;
        this.scheduler = scheduler;
        this.scrubber = scrubber;
        this.closing = closing;
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

    /**
     * Whether {@code outgoing} may go: it belongs to no press, or its press is answered. Otherwise
     * {@code lane} is run again once the answer is settled.
     */
    synchronized boolean answered(Outgoing outgoing, Lane lane) {
        Optional<String> queryId = queryId(outgoing);
        if (queryId.isEmpty()) {
            return true;
        }
        Answer answer = presses.get(queryId.get());
        if (answer == null || answer.settled) {
            return true;
        }
        answer.waiting = lane;
        return false;
    }

    /** One reply of a press is done: once none is left and it was answered, the press is forgotten. */
    synchronized void replyDone(Outgoing outgoing) {
        Optional<String> queryId = queryId(outgoing);
        if (queryId.isEmpty()) {
            return;
        }
        String id = queryId.get();
        Answer answer = presses.get(id);
        if (answer != null && --answer.repliesLeft <= 0 && answer.settled) {
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

    /** Sends a registered answer now, behind only its chat's answers to earlier presses, unless it is under way or not started. */
    private void dispatch(Answer answer) {
        if (started && !answer.dispatched) {
            answer.dispatched = true;
            unsettled++;
            AnswerLine line = lines.computeIfAbsent(answer.chatId, AnswerLine::new);
            line.answers.add(answer);
            if (!line.running) {
                line.running = true;
                scheduler.later(line, 0);
            }
        }
    }

    /** The answer is sent (or given up): the press's replies may go. */
    private synchronized void settled(Answer answer) {
        if (answer.settled) {
            return;
        }
        answer.settled = true;
        unsettled--;
        if (answer.repliesLeft <= 0) {
            presses.remove(answer.queryId, answer);
        }
        if (answer.waiting != null) {
            scheduler.later(answer.waiting, 0);
            answer.waiting = null;
        }
        notifyAll();
    }

    /** The answer to one press. Fields guarded by PressAnswers.this, but for those only its line's thread touches. */
    private final class Answer {
        final long chatId;
        final String queryId;
        /** The toast or pop-up the answer shows: the first Notice queued for the press. */
        Optional<Reply.Notice> notice = Optional.empty();
        /** The press's replies still queued. */
        int repliesLeft;
        boolean dispatched;
        boolean settled;
        /** The lane parked until this is settled, if any. */
        Lane waiting;
        private final CappedBackOff backOff = new CappedBackOff(tuning.retryFirst(), tuning.retryMax(), CappedBackOff.JITTER,
                () -> ThreadLocalRandom.current().nextDouble());
        private int tries;

        Answer(long chatId, String queryId) {
            this.chatId = chatId;
            this.queryId = queryId;
        }

        /** One try: nanoseconds to wait before the next, or -1 when the answer is settled (sent or given up). */
        long attempt() {
            Optional<Reply.Notice> text;
            synchronized (PressAnswers.this) {
                text = notice;
            }
            Delivery delivery = api.answerPressWith(queryId, text);
            tries++;
            if (RetryPolicy.answersPressAgain(delivery, tries, closing.getAsBoolean())) {
                long wait = delivery instanceof Delivery.Throttled throttled ? throttled.retryAfter().toNanos()
                        : TimeUnit.MILLISECONDS.toNanos(backOff.nextBackOffMillis());
                if (tries == 1) {
                    log.warn("Bot API answerCallbackQuery failed: {}; answering the press in chat {} again in {} ms",
                            delivery.describe(), chatId, TimeUnit.NANOSECONDS.toMillis(wait));
                }
                return wait;
            }
            if (!(delivery instanceof Delivery.Accepted accepted)) {
                log.warn("Bot API answerCallbackQuery failed: {}; the press in chat {} stays unanswered", delivery.describe(),
                        chatId);
            } else if (!accepted.note().isEmpty()) {
                log.debug("Bot API answerCallbackQuery: {}", accepted.describe());
            }
            return -1;
        }
    }

    /** One chat's answers to presses, sent one at a time in the order the presses came, on a sender thread. */
    private final class AnswerLine implements Runnable {
        final long chatId;
        /** Guarded by PressAnswers.this. */
        final Deque<Answer> answers = new ArrayDeque<>();
        /** Guarded by PressAnswers.this: waiting for or working on a thread. */
        boolean running;

        AnswerLine(long chatId) {
            this.chatId = chatId;
        }

        @Override
        public void run() {
            for (int step = 0; step < ANSWERS_PER_TURN; step++) {
                Answer answer;
                synchronized (PressAnswers.this) {
                    answer = answers.peek();
                    if (answer == null) {
                        running = false;
                        lines.remove(chatId, this);
                        return;
                    }
                }
                long wait;
                try {
                    wait = answer.attempt();
                } catch (RuntimeException e) {
                    log.error("Answering a press in chat {} failed unexpectedly; it stays unanswered", chatId, scrubber.scrub(e));
                    wait = -1;
                }
                if (wait >= 0) {
                    scheduler.later(this, wait);
                    return;
                }
                synchronized (PressAnswers.this) {
                    answers.poll();
                }
                settled(answer);
            }
            scheduler.later(this, 0);
        }
    }
}
