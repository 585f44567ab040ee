package org.backtriage.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Outgoing;
import org.backtriage.chat.Press;
import org.backtriage.chat.Reply;
import org.backtriage.chat.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to Telegram. Each chat has a lane: its replies in id order, worked by at
 * most one of a few threads at a time, so a slow or failing chat never holds up another and one
 * chat's replies never overtake each other. A lane waiting (for a retry or for its pace) holds no
 * thread. A reply leaves the outbox only once Telegram accepted it, or refused it for good.
 *
 * <p>Per call: 429 → wait {@code retry_after}, then send again; 5xx, a proxy's page instead of
 * Telegram's JSON, 401 and 404, timeouts, dropped connections → send again after a wait that
 * doubles up to a cap, with jitter; "message is not modified" and "query is too old" → done;
 * other 4xx, Telegram's or a proxy's → given up; 403 (the person blocked the bot) → everything
 * waiting for that chat is dropped. A reply queued more than {@link #REPLY_LIFETIME} ago is
 * given up unsent, so one that keeps failing cannot hold up its chat for ever, nor across
 * restarts. Each reply given up is logged once, with its chat's id (never its text), and counted.
 *
 * <p>Pacing: each message (send or edit) takes a token from its chat's bucket and from one bucket
 * for all chats, so Telegram's limits are rarely met. A 429's {@code retry_after} pauses the
 * bucket for all chats. Lanes short of the shared bucket's token wait in one line
 * ({@link SharedPace}), served in order by one timer, so a backlog of many chats costs one
 * wake-up per message, not one per waiting chat.
 *
 * <p>A button press is answered at once, outside its chat's lane and pace ({@link PressAnswer}):
 * the person's spinner stops even while earlier messages to that chat wait for their turn.
 * It is answered once, with the text of its {@link Reply.Notice} when it has one (that reply is
 * then done), otherwise without text. The messages sent for the press wait in the lane until
 * it is answered; then the edit that shows the answer on the pressed question.
 */
final class Sender {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    static final String THREAD_PREFIX = "telegram-sender-";
    /** Replies one lane handles before giving its thread to the next lane in line. */
    private static final int JOBS_PER_TURN = 8;
    /** Tries of one answer to a press: Telegram stops waiting for it within seconds. */
    private static final int PRESS_ANSWER_TRIES = 5;
    /** After the first failure of a call, only every so many is logged as a warning. */
    private static final int WARN_EVERY = 10;

    /**
     * A reply queued longer ago than this is given up unsent: Telegram keeps an update 24 hours,
     * and an answer to a message older than that (after a long outage, or a reply failing all
     * day) no longer fits the conversation.
     */
    static final Duration REPLY_LIFETIME = Duration.ofHours(24);

    private final Outbox outbox;
    private final BotApi api;
    private final Telemetry telemetry;
    private final Clock clock;
    private final TokenScrubber scrubber;
    private final Tuning tuning;
    private final ScheduledThreadPoolExecutor threads;
    /** The bucket all chats share, and the line of lanes waiting for its tokens. */
    private final SharedPace allChats;
    private final Map<Long, Lane> lanes = new HashMap<>();
    /** The presses being answered, or answered with replies still queued, by query id, in the order they came. */
    private final Map<String, PressAnswer> presses = new LinkedHashMap<>();
    /** Each chat's answers to presses, being sent, by chat. */
    private final Map<Long, AnswerLine> answerLines = new HashMap<>();
    /** Rows queued and not yet done, over all lanes, and press answers not yet settled. */
    private int queued;
    /** Replies sent and not yet removed from the outbox. */
    private final SentReplies sent;
    /** Times a lane was given a thread: what a backlog costs. */
    private long laneRuns;
    private boolean started;
    private volatile boolean closing;

    Sender(Outbox outbox, BotApi api, TokenScrubber scrubber, Tuning tuning) {
        this(outbox, api, scrubber, tuning, Telemetry.NONE, Clock.systemUTC());
    }

    /** As above, counting replies given up in {@code telemetry}; {@code clock} tells a reply's age. */
    Sender(Outbox outbox, BotApi api, TokenScrubber scrubber, Tuning tuning, Telemetry telemetry, Clock clock) {
        this.outbox = outbox;
        this.api = api;
        this.scrubber = scrubber;
        this.tuning = tuning;
        this.telemetry = telemetry;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ScheduledThreadPoolExecutor(tuning.senderThreads(),
                task -> new Thread(task, THREAD_PREFIX + count.incrementAndGet()));
        this.threads.setRemoveOnCancelPolicy(true);
        this.allChats = new SharedPace(new TokenBucket(tuning.allChats().perSecond(), tuning.allChats().burst(),
                System::nanoTime), this::later, System::nanoTime);
        this.sent = new SentReplies(outbox, task -> later(task, 0), scrubber);
    }

    /**
     * Starts sending: first {@code pending}, the replies left in the outbox by an earlier run
     * (they are older than anything queued from now on), then whatever is queued. Only the first
     * call does anything.
     */
    synchronized void start(List<Outgoing> pending) {
        if (started) {
            return;
        }
        if (!pending.isEmpty()) {
            log.info("{} replies from before the restart are waiting to be sent", pending.size());
        }
        Map<Long, List<Outgoing>> byChat = new LinkedHashMap<>();
        pending.forEach(row -> byChat.computeIfAbsent(row.chatId(), id -> new ArrayList<>()).add(row));
        byChat.forEach((chatId, rows) -> {
            Lane lane = lane(chatId);
            Set<Long> known = new HashSet<>();
            lane.jobs.forEach(row -> known.add(row.id()));
            // Before anything queued already: those rows were made after the pending ones.
            List<Outgoing> ordered = new ArrayList<>(waitedForFirst(rows.stream().filter(row -> !known.contains(row.id())).toList()));
            queued += ordered.size();
            ordered.forEach(this::expectAnswer);
            ordered.addAll(lane.jobs);
            lane.jobs.clear();
            lane.jobs.addAll(ordered);
        });
        started = true;
        presses.values().forEach(this::dispatch);
        lanes.values().forEach(this::wake);
    }

    /** Queues replies just written to the outbox for chat {@code chatId}, in id order. */
    synchronized void queue(long chatId, List<Outgoing> rows) {
        List<Outgoing> ordered = waitedForFirst(rows);
        if (ordered.isEmpty()) {
            return;
        }
        ordered.forEach(this::expectAnswer);
        Lane lane = lane(chatId);
        lane.jobs.addAll(ordered);
        queued += ordered.size();
        ordered.stream().flatMap(row -> row.press().stream()).map(press -> presses.get(press.id())).distinct()
                .forEach(this::dispatch);
        wake(lane);
    }

    /**
     * Registers the answer {@code row}'s press needs, if it has one: once per press, with the
     * text of the press's first Notice. Holds this.
     */
    private void expectAnswer(Outgoing row) {
        if (row.press().isEmpty()) {
            return;
        }
        PressAnswer answer = presses.computeIfAbsent(row.press().get().id(), id -> new PressAnswer(row.chatId(), id));
        answer.rowsLeft++;
        if (answer.notice.isEmpty() && row.reply() instanceof Reply.Notice notice && !answer.dispatched) {
            answer.notice = Optional.of(notice);
        }
    }

    /**
     * Sends a registered answer now, behind only its chat's answers to earlier presses, unless it
     * is under way or the sender is not started. Holds this.
     */
    private void dispatch(PressAnswer answer) {
        if (started && !answer.dispatched) {
            answer.dispatched = true;
            queued++;
            AnswerLine line = answerLines.computeIfAbsent(answer.chatId, AnswerLine::new);
            line.answers.add(answer);
            if (!line.running) {
                line.running = true;
                later(line, 0);
            }
        }
    }

    /**
     * {@code rows} in id order, except that a press's transcript edit (the pressed question
     * rewritten to show the answer) goes after the messages sent for the same press: the next
     * question or the report, which the person waits for, goes out first, and when the chat's
     * pace holds messages back, the cosmetic edit is the one that waits.
     */
    static List<Outgoing> waitedForFirst(List<Outgoing> rows) {
        List<Outgoing> ordered = new ArrayList<>(rows.size());
        List<Outgoing> edits = new ArrayList<>();
        Optional<Press> press = Optional.empty();
        for (Outgoing row : rows) {
            if (!row.press().equals(press)) {
                ordered.addAll(edits);
                edits.clear();
                press = row.press();
            }
            if (press.isPresent() && row.reply() instanceof Reply.EditPressed edit && edit.transcript()) {
                edits.add(row);
            } else {
                ordered.add(row);
            }
        }
        ordered.addAll(edits);
        return ordered;
    }

    /**
     * Answers, without text, a press in chat {@code chatId} that has no replies of its own (it
     * cannot be placed, or handling it failed). It is not in the outbox: a press not answered
     * within seconds is gone anyway.
     */
    synchronized void answer(long chatId, String queryId) {
        dispatch(presses.computeIfAbsent(queryId, id -> new PressAnswer(chatId, id)));
    }

    /**
     * Answers an inline query on a sender thread, once: Telegram forgets an inline query within
     * seconds, so it is neither queued in the outbox nor retried; a failure is logged.
     */
    void answerInline(String queryId, Optional<ChatService.Shared> shared, String nothingToShare) {
        try {
            threads.execute(() -> {
                Delivery delivery = api.answerInline(queryId, shared, nothingToShare);
                if (!(delivery instanceof Delivery.Accepted)) {
                    log.warn("Bot API answerInlineQuery failed: {}", delivery.describe());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            log.debug("An inline query came while closing; not answered");
        }
    }

    /**
     * Waits until everything queued has been sent (or given up) and removed from the outbox;
     * false when {@code timeout} passed first.
     */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (!Await.until(this, () -> queued == 0, deadline)) {
                return false;
            }
        }
        // A reply is added to the sent ones before it stops counting as queued.
        return sent.awaitRemoved(deadline);
    }

    /** Jobs queued and not yet sent. */
    synchronized int queued() {
        return queued;
    }

    /** Stops sending at once; a call under way is left to the HTTP client to cancel. What is left stays in the outbox. */
    void shutdownNow() {
        closing = true;
        threads.shutdownNow();
    }

    /**
     * Whether every sender thread ended within {@code timeout} after {@link #shutdownNow}. Then
     * removes from the outbox what was sent and not yet removed, so it is not sent again on the
     * next start.
     */
    boolean awaitTermination(Duration timeout) {
        boolean ended;
        try {
            ended = threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        sent.removeNow();
        return ended;
    }

    private Lane lane(long chatId) {
        return lanes.computeIfAbsent(chatId, Lane::new);
    }

    /** Puts an idle lane with work in line for a thread. Holds this. */
    private void wake(Lane lane) {
        if (started && !lane.scheduled && !lane.jobs.isEmpty()) {
            lane.scheduled = true;
            later(lane, 0);
        }
    }

    private void later(Runnable task, long nanos) {
        try {
            if (nanos <= 0) {
                threads.execute(task);
            } else {
                threads.schedule(task, nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            // Closing: what is left stays in the outbox for the next start.
        }
    }

    /** How many times a lane was given a thread so far. */
    synchronized long laneRuns() {
        return laneRuns;
    }

    /** The lane's next reply, or null after marking it idle. */
    private synchronized Outgoing head(Lane lane) {
        Outgoing row = lane.jobs.peek();
        if (row == null) {
            lane.scheduled = false;
            retireLater(lane);
        }
        return row;
    }

    /**
     * Forgets an idle lane once its bucket is full again: until then it remembers how much was
     * just sent to that chat. Holds this.
     */
    private void retireLater(Lane lane) {
        long untilFull = lane.bucket.nanosUntilFull();
        if (untilFull == 0) {
            lanes.remove(lane.chatId, lane);
        } else {
            later(() -> retire(lane), untilFull);
        }
    }

    private synchronized void retire(Lane lane) {
        if (!lane.scheduled && lane.jobs.isEmpty() && lane.bucket.nanosUntilFull() == 0) {
            lanes.remove(lane.chatId, lane);
        }
    }

    /**
     * Takes the done head reply off its lane. It is removed from the outbox shortly, together with
     * the others sent meanwhile ({@link SentReplies}).
     */
    private synchronized void finish(Lane lane, Outgoing row) {
        sent.add(row.id());
        lane.jobs.poll();
        queued--;
        row.press().ifPresent(press -> rowDone(press.id()));
        notifyAll();
    }

    /** One reply of a press is done: once none is left and it was answered, the press is forgotten. Holds this. */
    private void rowDone(String pressId) {
        PressAnswer answer = presses.get(pressId);
        if (answer != null && --answer.rowsLeft <= 0 && answer.settled) {
            presses.remove(pressId, answer);
        }
    }

    /**
     * Whether {@code row} may go: it belongs to no press, or its press is answered. Otherwise the
     * lane is parked, to be woken when the answer is settled. Holds this.
     */
    private synchronized boolean answeredFor(Lane lane, Outgoing row) {
        if (row.press().isEmpty()) {
            return true;
        }
        PressAnswer answer = presses.get(row.press().get().id());
        if (answer == null || answer.settled) {
            return true;
        }
        answer.waiting = lane;
        return false;
    }

    /** The answer is sent (or given up): the press's replies may go. */
    private synchronized void settled(PressAnswer answer) {
        if (answer.settled) {
            return;
        }
        answer.settled = true;
        queued--;
        if (answer.rowsLeft <= 0) {
            presses.remove(answer.queryId, answer);
        }
        if (answer.waiting != null) {
            later(answer.waiting, 0);
            answer.waiting = null;
        }
        notifyAll();
    }

    /**
     * The person blocked the bot: nothing waiting for them is sent. One step: exactly the replies
     * the lane holds leave it, and leave the outbox with the next removal, as sent ones do. A
     * reply written for the chat meanwhile is not in the lane yet, so it stays in both and is
     * sent: the person wrote again, so they unblocked the bot.
     */
    private synchronized void drop(Lane lane) {
        for (Outgoing row : lane.jobs) {
            sent.add(row.id());
            telemetry.replyGivenUp("blocked");
            row.press().ifPresent(press -> rowDone(press.id()));
        }
        queued -= lane.jobs.size();
        lane.jobs.clear();
        notifyAll();
    }

    /**
     * The answer to one button press, sent as soon as it is known, in no lane: it takes no token
     * of any pace and waits behind nothing queued for the chat, only behind the answers to the
     * chat's earlier presses ({@link AnswerLine}). Retried like a message, but only
     * {@link #PRESS_ANSWER_TRIES} times: Telegram stops waiting for it within seconds. Fields
     * guarded by Sender.this, but for those only its line's thread touches.
     */
    private final class PressAnswer {
        final long chatId;
        final String queryId;
        /** The toast or pop-up the answer shows: the first Notice queued for the press. */
        Optional<Reply.Notice> notice = Optional.empty();
        /** The press's replies still queued. */
        int rowsLeft;
        boolean dispatched;
        boolean settled;
        /** The lane parked until this is settled, if any. */
        Lane waiting;
        private final CappedBackOff backOff = new CappedBackOff(tuning.retryFirst(), tuning.retryMax(), CappedBackOff.JITTER,
                () -> ThreadLocalRandom.current().nextDouble());
        private int tries;

        PressAnswer(long chatId, String queryId) {
            this.chatId = chatId;
            this.queryId = queryId;
        }

        /** One try: nanoseconds to wait before the next, or -1 when the answer is settled (sent or given up). */
        long attempt() {
            Optional<Reply.Notice> text;
            synchronized (Sender.this) {
                text = notice;
            }
            Delivery delivery = api.answerPressWith(queryId, text);
            tries++;
            long wait = -1;
            if (delivery instanceof Delivery.Throttled throttled) {
                wait = throttled.retryAfter().toNanos();
            } else if (delivery instanceof Delivery.Failed) {
                wait = TimeUnit.MILLISECONDS.toNanos(backOff.nextBackOffMillis());
            }
            if (wait >= 0 && tries < PRESS_ANSWER_TRIES && !closing) {
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
        /** Guarded by Sender.this. */
        final Deque<PressAnswer> answers = new ArrayDeque<>();
        /** Guarded by Sender.this: waiting for or working on a thread. */
        boolean running;

        AnswerLine(long chatId) {
            this.chatId = chatId;
        }

        @Override
        public void run() {
            for (int step = 0; step < JOBS_PER_TURN; step++) {
                PressAnswer answer;
                synchronized (Sender.this) {
                    answer = answers.peek();
                    if (answer == null) {
                        running = false;
                        answerLines.remove(chatId, this);
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
                    later(this, wait);
                    return;
                }
                synchronized (Sender.this) {
                    answers.poll();
                }
                settled(answer);
            }
            later(this, 0);
        }
    }

    /** What a lane does after one attempt. */
    private sealed interface Next {
        /** The reply is done: take it off the lane. */
        record Done() implements Next {
        }

        /** Come back to the same reply after {@code nanos}, leaving the thread to other lanes. */
        record Wait(long nanos) implements Next {
        }

        /** The lane's replies were dropped. */
        record Dropped() implements Next {
        }

        /**
         * Waiting for something that wakes the lane when it comes: a token of the shared bucket,
         * or the answer to the reply's press.
         */
        record Parked() implements Next {
        }
    }

    private static final Next DONE = new Next.Done();
    private static final Next DROPPED = new Next.Dropped();
    private static final Next PARKED = new Next.Parked();

    /** One chat's replies, in order, and its pace. */
    private final class Lane implements Runnable {
        private final long chatId;
        /** Guarded by Sender.this. */
        private final Deque<Outgoing> jobs = new ArrayDeque<>();
        /** Guarded by Sender.this: waiting for or working on a thread. */
        private boolean scheduled;
        private final TokenBucket bucket;
        private final CappedBackOff backOff;
        private int failures;

        Lane(long chatId) {
            this.chatId = chatId;
            // Private chats have positive ids (the person's), groups negative ones.
            Tuning.Pace pace = chatId < 0 ? tuning.groupChat() : tuning.privateChat();
            this.bucket = new TokenBucket(pace.perSecond(), pace.burst(), System::nanoTime);
            this.backOff = new CappedBackOff(tuning.retryFirst(), tuning.retryMax(), CappedBackOff.JITTER,
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        @Override
        public void run() {
            try {
                work();
            } catch (Throwable e) {
                // Never lose a lane: its replies stay queued and are tried again.
                log.error("Sending failed unexpectedly; trying again", scrubber.scrub(e));
                later(this, TimeUnit.MILLISECONDS.toNanos(backOff.nextBackOffMillis()));
            }
        }

        private void work() {
            synchronized (Sender.this) {
                laneRuns++;
            }
            for (int step = 0; step < JOBS_PER_TURN; step++) {
                Outgoing row = head(this);
                if (row == null) {
                    return;
                }
                Next next = attempt(row);
                if (next instanceof Next.Wait wait) {
                    later(this, wait.nanos());
                    return;
                }
                if (next instanceof Next.Parked) {
                    return;
                }
                if (next instanceof Next.Done) {
                    finish(this, row);
                }
            }
            // Give the thread to other lanes; this one goes to the back of the line.
            later(this, 0);
        }

        private Next attempt(Outgoing row) {
            Duration age = Duration.between(row.queuedAt(), clock.instant());
            if (age.compareTo(REPLY_LIFETIME) > 0) {
                log.warn("Reply {} to chat {} given up unsent: queued {} h ago, longer than {} h", row.id(), chatId,
                        age.toHours(), REPLY_LIFETIME.toHours());
                telemetry.replyGivenUp("too_old");
                succeeded();
                return DONE;
            }
            if (!answeredFor(this, row)) {
                return PARKED;
            }
            Optional<Press> press = row.press();
            Reply reply = row.reply();
            if (reply instanceof Reply.Notice) {
                // Shown as the answer to its press, or, without a press, there is nothing to show it on.
                return DONE;
            }
            if (reply instanceof Reply.EditPressed && press.isEmpty()) {
                log.debug("Reply {} edits a pressed message but belongs to no press; skipped", row.id());
                return DONE;
            }
            long wait = bucket.waitNanos();
            if (wait > 0) {
                return new Next.Wait(wait);
            }
            if (!allChats.take(this)) {
                return PARKED;
            }
            bucket.tryTake();
            String what = "reply " + row.id() + " to chat " + chatId;
            if (reply instanceof Reply.Send send) {
                return settle("sendMessage", what, counted(api.send(chatId, send.html(), send.keyboard())));
            }
            Reply.EditPressed edit = (Reply.EditPressed) reply;
            return settle("editMessageText", what,
                    counted(api.edit(chatId, press.get().messageId(), edit.html(), edit.keyboard())));
        }

        /** A reply the messenger refused for good is given up: counted here, logged by {@link #settle}. */
        private Delivery counted(Delivery delivery) {
            if (delivery instanceof Delivery.Refused) {
                telemetry.replyGivenUp("refused");
            }
            return delivery;
        }

        private Next settle(String method, String what, Delivery delivery) {
            if (delivery instanceof Delivery.Accepted accepted) {
                if (!accepted.note().isEmpty()) {
                    log.debug("Bot API {} for {}: {}", method, what, accepted.describe());
                }
                succeeded();
                return DONE;
            }
            if (delivery instanceof Delivery.Refused) {
                log.warn("Bot API {} failed: {}; {} dropped", method, delivery.describe(), what);
                succeeded();
                return DONE;
            }
            if (delivery instanceof Delivery.Blocked) {
                log.info("Bot API {} failed: {}; the person blocked the bot, so nothing more is sent to that chat"
                        + " unless they write again", method, delivery.describe());
                succeeded();
                drop(this);
                return DROPPED;
            }
            if (delivery instanceof Delivery.Throttled throttled) {
                // Telegram's flood limit is usually the bot's: every chat waits, not only this one.
                allChats.pause(throttled.retryAfter().toNanos());
                log.info("Bot API {}: Telegram asks to slow down; sending {} again in {} ms, and nothing to any chat"
                        + " before then", method, what, throttled.retryAfter().toMillis());
                return new Next.Wait(throttled.retryAfter().toNanos());
            }
            failures++;
            long waitMillis = backOff.nextBackOffMillis();
            if (closing) {
                log.debug("Bot API {} for {} ended by closing: {}", method, what, delivery.describe());
            } else if (failures == 1 || failures % WARN_EVERY == 0) {
                log.warn("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", method, delivery.describe(),
                        what, waitMillis, failures + 1);
            } else {
                log.debug("Bot API {} failed: {}; sending {} again in {} ms (attempt {})", method, delivery.describe(),
                        what, waitMillis, failures + 1);
            }
            return new Next.Wait(TimeUnit.MILLISECONDS.toNanos(waitMillis));
        }

        private void succeeded() {
            failures = 0;
            backOff.reset();
        }
    }
}
