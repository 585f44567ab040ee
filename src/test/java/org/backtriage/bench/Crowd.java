package org.backtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.backtriage.config.Content;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Outcome;

/**
 * The simulated people: offers each person's next update once the bot's reply to the previous
 * one arrived, and checks every message the bot sends against what the walk owes. A reply
 * nobody is owed is a duplicate; one still owed at the end is lost.
 */
final class Crowd implements FakeBotApi.Listener {
    /** Chat ids from here on: positive, as Telegram gives private chats (the person's user id). */
    private static final long FIRST_CHAT = 5_000_000_000L;
    /**
     * Walks drawn per ending before the run, so that a person joining costs the harness next to
     * nothing while it is measured; enough for every button of the shipped tree to be pressed.
     */
    static final int WALKS_PER_OUTCOME = 200;

    /** Walks by outcome; people take the outcomes in turn, so each is walked by a fifth of them. */
    private final List<List<Walk>> walksByOutcome;

    private final UpdateQueue updates;
    private final Map<String, String> endingTitles = new ConcurrentHashMap<>();
    private final Random random;
    private final long botId;
    private final Map<Long, Person> people = new ConcurrentHashMap<>();
    private final AtomicLong nextChat = new AtomicLong(FIRST_CHAT);
    private final LongAdder strays = new LongAdder();

    Crowd(UpdateQueue updates, Content content, long seed, long botId) {
        this.updates = updates;
        this.random = new Random(seed);
        this.botId = botId;
        RouteKinds routes = new RouteKinds(new Engine(content.tree()));
        this.walksByOutcome = routes.outcomes().stream().map(outcome -> routes.walks(outcome, WALKS_PER_OUTCOME, random)).toList();
        for (Outcome outcome : content.tree().outcomes()) {
            endingTitles.put(outcome.id(), content.messages().text(outcome.titleKey()));
        }
    }

    /**
     * A new person in {@code phase}, walking a random path to the next outcome in turn. Not
     * thread-safe: one thread creates people.
     */
    Person join(Phase phase) {
        long chatId = nextChat.getAndIncrement();
        List<Walk> walks = walksByOutcome.get((int) ((chatId - FIRST_CHAT) % walksByOutcome.size()));
        Person person = new Person(chatId, walks.get(random.nextInt(walks.size())), phase);
        people.put(chatId, person);
        phase.people.incrementAndGet();
        return person;
    }

    /**
     * Offers {@code person}'s next update, stamped as offered at {@code nanos} (the scheduled
     * arrival, in an open-loop run).
     */
    void offerNext(Person person, long nanos) {
        synchronized (person) {
            if (!person.ready()) {
                throw new IllegalStateException("person " + person.chatId + " is not ready");
            }
            int step = person.next++;
            Walk.Move move = person.walk.moves().get(step);
            person.offeredAt[step] = nanos;
            person.answersOwed[step] = move.answers();
            person.editsOwed[step] = move.edits();
            person.sendsOwed[step] = move.sends();
            person.pressedMessageId[step] = person.buttonsMessageId;
            person.phase.owed.addAndGet(move.owed());
            person.phase.offeredAt(nanos);
            int messageId = person.buttonsMessageId;
            updates.offer(id -> json(id, person.chatId, step, move, messageId), new UpdateQueue.Progress() {
                @Override
                public void delivered(long at) {
                    person.deliveredAt.compareAndSet(step, 0, at);
                }

                @Override
                public void confirmed(long at) {
                    if (person.confirmedAt.compareAndSet(step, 0, at)) {
                        person.phase.confirmedAt(at, at - nanos);
                    }
                }
            });
        }
    }

    /** Calls that belong to no person of any phase (unknown chat, bad request). */
    long strays() {
        return strays.sum();
    }

    @Override
    public void sent(long chatId, int messageId, JsonNode body, long nanos) {
        Person person = person(chatId, "sendMessage");
        if (person == null) {
            return;
        }
        person.phase.messageInstants.add(nanos);
        Consumer<Person> then;
        synchronized (person) {
            int step = oldestOwing(person.sendsOwed, person.next);
            if (step < 0) {
                person.phase.duplicate("sendMessage to chat " + chatId + " after step " + (person.next - 1));
                return;
            }
            Walk.Move move = person.walk.moves().get(step);
            boolean first = person.sendsOwed[step] == move.sends();
            person.sendsOwed[step]--;
            then = first && move.reply() == Walk.Reply.FIRST_SEND ? reply(person, step, messageId, body, nanos) : null;
            owedOneLess(person, step, nanos);
        }
        if (then != null) {
            then.accept(person);
        }
    }

    @Override
    public void edited(long chatId, int messageId, JsonNode body, long nanos) {
        Person person = person(chatId, "editMessageText");
        if (person == null) {
            return;
        }
        person.phase.messageInstants.add(nanos);
        Consumer<Person> then;
        synchronized (person) {
            int step = oldestOwing(person.editsOwed, person.next);
            if (step < 0) {
                person.phase.duplicate("editMessageText in chat " + chatId + " after step " + (person.next - 1));
                return;
            }
            if (person.pressedMessageId[step] != messageId) {
                person.phase.error("edit of message " + messageId + " in chat " + chatId + "; the press was under "
                        + person.pressedMessageId[step]);
            }
            Walk.Move move = person.walk.moves().get(step);
            person.editsOwed[step]--;
            then = move.reply() == Walk.Reply.EDIT ? reply(person, step, messageId, body, nanos) : null;
            owedOneLess(person, step, nanos);
        }
        if (then != null) {
            then.accept(person);
        }
    }

    @Override
    public void answered(String queryId, long nanos) {
        int colon = queryId.indexOf('-');
        Person person = null;
        int step = -1;
        try {
            person = people.get(Long.parseLong(queryId.substring(0, colon)));
            step = Integer.parseInt(queryId.substring(colon + 1));
        } catch (RuntimeException e) {
            // left null: reported below
        }
        if (person == null || step < 0 || step >= person.walk.length()) {
            unexpected("answerCallbackQuery for unknown query '" + queryId + "'");
            return;
        }
        synchronized (person) {
            if (step >= person.next || person.answersOwed[step] == 0) {
                person.phase.duplicate("answerCallbackQuery for query " + queryId);
                return;
            }
            person.answersOwed[step]--;
            owedOneLess(person, step, nanos);
        }
    }

    @Override
    public void unexpected(String what) {
        strays.increment();
        System.err.println("bench: unexpected call: " + what);
    }

    /** Called by the driver whenever a person's reply arrived; set before the load starts. */
    interface Driver {
        void replied(Person person);
    }

    private volatile Driver driver = person -> { };

    void drive(Driver driver) {
        this.driver = driver;
    }

    private Person person(long chatId, String method) {
        Person person = people.get(chatId);
        if (person == null) {
            unexpected(method + " to unknown chat " + chatId);
        }
        return person;
    }

    private static int oldestOwing(int[] owed, int offered) {
        for (int step = 0; step < offered; step++) {
            if (owed[step] > 0) {
                return step;
            }
        }
        return -1;
    }

    /** Records the reply to {@code step} and checks it lets the person go on; returns what to do after unlocking. */
    private Consumer<Person> reply(Person person, int step, int messageId, JsonNode body, long nanos) {
        Phase phase = person.phase;
        person.replied[step] = true;
        phase.repliedAt(nanos, nanos - person.offeredAt[step]);
        long delivered = person.deliveredAt.get(step);
        if (delivered != 0) {
            phase.deliveryLatency.add(delivered - person.offeredAt[step]);
        }
        if (step + 1 < person.walk.length()) {
            String next = person.walk.moves().get(step + 1).data();
            if (!hasButton(body, next)) {
                person.stuck = true;
                phase.peopleDone.incrementAndGet();
                phase.error("chat " + person.chatId + " step " + step + ": the reply has no button '" + next + "'");
                return null;
            }
            person.buttonsMessageId = messageId;
            return driver::replied;
        }
        String title = endingTitles.get(person.walk.outcome());
        if (!body.path("text").asText().contains(title)) {
            phase.error("chat " + person.chatId + ": the ending is not '" + person.walk.outcome() + "'");
        }
        phase.finished(person.walk.outcome());
        phase.peopleDone.incrementAndGet();
        return null;
    }

    private static void owedOneLess(Person person, int step, long nanos) {
        person.phase.owed.decrementAndGet();
        if (person.answersOwed[step] + person.editsOwed[step] + person.sendsOwed[step] == 0) {
            person.phase.lastReplyLatency.add(nanos - person.offeredAt[step]);
        }
    }

    private static boolean hasButton(JsonNode message, String data) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (data.equals(button.path("callback_data").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The update as Telegram would send it: {@code /start} typed, or a button pressed under the last message with buttons. */
    private byte[] json(long updateId, long chatId, int step, Walk.Move move, int messageId) {
        long date = System.currentTimeMillis() / 1000;
        String person = "{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Pat\",\"language_code\":\"en\"}";
        String chat = "{\"id\":" + chatId + ",\"first_name\":\"Pat\",\"type\":\"private\"}";
        String json;
        if (move.isStart()) {
            json = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (step + 1) + ",\"from\":" + person
                    + ",\"chat\":" + chat + ",\"date\":" + date
                    + ",\"text\":\"/start\",\"entities\":[{\"offset\":0,\"length\":6,\"type\":\"bot_command\"}]}}";
        } else {
            String bot = "{\"id\":" + botId + ",\"is_bot\":true,\"first_name\":\"backtriage\",\"username\":\"backtriage_bot\"}";
            json = "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"" + chatId + "-" + step + "\",\"from\":" + person
                    + ",\"message\":{\"message_id\":" + messageId + ",\"from\":" + bot + ",\"chat\":" + chat
                    + ",\"date\":" + date + ",\"text\":\"a question\"},\"chat_instance\":\"" + chatId
                    + "\",\"data\":\"" + move.data() + "\"}}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
