package org.backtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.backtriage.Waits;
import org.backtriage.chat.ChatService;
import org.backtriage.config.Content;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.NeedsPostgres;
import org.backtriage.store.TestPostgres;
import org.backtriage.testing.FreePorts;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances for real: the bot's own processes ({@code org.backtriage.Main} from the test
 * class path) on one PostgreSQL database, the fake Telegram delivering to them as Telegram does,
 * and people walking the tree by pressing buttons, Telegram's pace on. One instance is killed
 * with SIGKILL mid-run: every conversation still completes, each chat's questions come in order,
 * a reply is sent again only if it was still in the outbox at the kill, the other instance takes
 * the lease over within its TTL and a renewal, and never more than 30 messages leave in a second.
 * Or the sender's lease holder is paused with SIGSTOP past its lease and woken with SIGCONT after
 * the other took over: it must not send a reply again, nor roll a question back over a newer one;
 * only a call already under way when it stopped may show twice.
 */
@NeedsPostgres
class PostgresFailoverTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration RENEW = TTL.dividedBy(3);
    /** Room for a loaded machine (two cores shared by several builds) beyond TTL + renewal. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final int PEOPLE = 100;
    private static final String SECRET = "failover-webhook-secret_0123456789";
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmx96m", "-XX:TieredStopAtLevel=1");
    /** The bot's sender threads (its default tuning): at most as many calls are under way at once. */
    private static final int SENDER_THREADS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoWebhookInstancesAndTheSenderLeaseHolderKilledMidRun() throws Exception {
        run("webhook, the sender's lease holder killed", true, "sender", true, 11);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoWebhookInstancesAndTheOtherOneKilledMidRun() throws Exception {
        run("webhook, the instance without the sender's lease killed", true, "sender", false, 12);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void longPollingWithAStandbyAndThePollerKilledMidRun() throws Exception {
        run("long polling, the poller's lease holder killed", false, "poller", true, 13);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoWebhookInstancesAndTheSenderLeaseHolderPausedPastItsLeaseThenWoken() throws Exception {
        run("webhook, the sender's lease holder paused (SIGSTOP) and woken (SIGCONT) after the takeover", true, "sender",
                true, 14, true);
    }

    /**
     * Starts two instances, lets {@link #PEOPLE} people walk, kills one once a third of them are
     * done: the holder of lease {@code lease}, or the other one; then checks the run.
     */
    private void run(String scenario, boolean webhook, String lease, boolean killHolder, int bot) throws Exception {
        run(scenario, webhook, lease, killHolder, bot, false);
    }

    /**
     * As above; {@code pause}: the victim is stopped with SIGSTOP instead of killed, and woken with
     * SIGCONT two TTLs after the other instance took its lease over, then the run goes on with both.
     */
    private void run(String scenario, boolean webhook, String lease, boolean killHolder, int bot, boolean pause)
            throws Exception {
        String token = bot + "23456789:AAHfailoverTOKENforTESTSonly_0123456";
        long botId = Long.parseLong(token.substring(0, token.indexOf(':')));
        Path tree = Path.of("config", "triage-tree.json");
        Content content = Content.fromFile(tree, ChatService.TEXT_KEYS);
        UpdateQueue updates = new UpdateQueue(webhook);
        People people = new People(updates, content, botId, new Random(bot));
        try (TestPostgres database = TestPostgres.create(PostgresFailoverTest.class);
             FakeBotApi telegram = FakeBotApi.serving(token, updates, people)) {
            List<BotProcess> bots = new ArrayList<>();
            List<URI> webhooks = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Path folder = Files.createDirectories(dir.resolve("instance-" + (i + 1)));
                    Map<String, String> env = new java.util.LinkedHashMap<>();
                    env.put("BACKTRIAGE_DB", database.url());
                    env.put("BACKTRIAGE_LEASE_TTL_SECONDS", Long.toString(TTL.toSeconds()));
                    if (webhook) {
                        int port = FreePorts.any();
                        env.put("BACKTRIAGE_MODE", "webhook");
                        env.put("BACKTRIAGE_WEBHOOK_SECRET", SECRET);
                        env.put("BACKTRIAGE_WEBHOOK_PORT", Integer.toString(port));
                        webhooks.add(URI.create("http://127.0.0.1:" + port + "/telegram"));
                    }
                    bots.add(BotProcess.start(new BotProcess.Launch.MainClass(System.getProperty("java.class.path"),
                            "org.backtriage.Main"), FLAGS, token, telegram.baseUrl(), tree, folder, env));
                }
                if (webhook) {
                    setWebhook(telegram, token);
                    telegram.deliverByWebhook(webhooks);
                }
                Waits.upTo(Duration.ofSeconds(60)).until(() -> holder(database, botId, lease).isPresent()
                        && holder(database, botId, "sender").isPresent() && bots.stream().allMatch(BotProcess::alive));
                people.start(PEOPLE);

                Waits.upTo(Duration.ofSeconds(60)).until(() -> people.done() >= PEOPLE / 3);
                String holder = holder(database, botId, lease).orElseThrow();
                BotProcess victim = bots.stream().filter(b -> holder.contains("-" + b.pid() + "-") == killHolder)
                        .findFirst().orElseThrow();
                if (pause) {
                    victim.pause(); // SIGSTOP
                } else {
                    victim.close(); // SIGKILL
                }
                long killedAt = System.nanoTime();
                long inOutbox = Long.parseLong(database.query("SELECT count(*) FROM outbox WHERE bot_id = " + botId).get(0));
                Duration takeover = Duration.ZERO;
                if (killHolder) {
                    Waits.upTo(TTL.plus(RENEW).plus(SLACK).plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                            .until(() -> holder(database, botId, lease).filter(now -> !now.equals(holder)).isPresent());
                    takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                }
                if (pause) {
                    // Asleep well past its lease while the other sends, then awake with its lanes as they were.
                    Thread.sleep(TTL.multipliedBy(2).toMillis());
                    victim.resume(); // SIGCONT
                }

                Waits.upTo(Duration.ofSeconds(90)).until(() -> people.done() == PEOPLE);

                int mostInASecond = Samples.mostWithin(people.messageInstants(), TimeUnit.SECONDS.toNanos(1));
                System.out.printf("%s: %d people done, %d duplicate messages (%d replies were in the outbox at the %s),"
                                + " takeover after %d ms, at most %d messages in a second%n", scenario, people.done(),
                        people.duplicates(), inOutbox, pause ? "pause" : "kill", takeover.toMillis(), mostInASecond);
                assertThat(people.errors()).as("wrong or out-of-order messages").isEmpty();
                assertThat(people.duplicates()).as("messages sent twice").isLessThanOrEqualTo(inOutbox);
                if (pause) {
                    // Only calls already under way at the SIGSTOP, at most one per sender thread, may show twice.
                    assertThat(people.duplicates()).as("messages sent twice by a holder woken after its lease")
                            .isLessThanOrEqualTo(SENDER_THREADS);
                }
                if (!killHolder) {
                    assertThat(people.duplicates()).as("the instance killed was not sending").isZero();
                }
                assertThat(takeover).as("takeover").isLessThanOrEqualTo(TTL.plus(RENEW).plus(SLACK));
                assertThat(mostInASecond).as("messages in any second").isLessThanOrEqualTo(30);
                BotProcess survivor = bots.stream().filter(b -> b != victim).findFirst().orElseThrow();
                assertThat(survivor.alive()).isTrue();
                assertThat(survivor.stop()).as("the survivor's exit code after SIGTERM").contains(0);
                if (pause) {
                    assertThat(victim.stop()).as("the woken one's exit code after SIGTERM").contains(0);
                }
            } finally {
                bots.forEach(BotProcess::close);
                people.stop();
            }
        }
    }

    /** Who holds lease {@code name} of the bot now (an unexpired row). */
    private static Optional<String> holder(TestPostgres database, long botId, String name) {
        if (database.query("SELECT to_regclass('leases')").get(0) == null) {
            return Optional.empty(); // not migrated yet
        }
        return database.query("SELECT holder FROM leases WHERE bot_id = " + botId + " AND name = '" + name
                + "' AND holder IS NOT NULL AND expires_at > now()").stream().findFirst();
    }

    /** Registers a webhook at the fake, as {@code webhook set} would. */
    private static void setWebhook(FakeBotApi telegram, String token) throws IOException, InterruptedException {
        String body = "{\"url\":\"https://failover.invalid/telegram\",\"secret_token\":\"" + SECRET + "\",\"max_connections\":40}";
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + token
                + "/setWebhook")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(200);
    }

    /**
     * The people: each walks a route of the tree, pressing the next button as soon as a message
     * carrying it arrives. A message seen before in the chat (the same text and buttons, sent
     * again, or the same edit again) is a duplicate, and changes nothing; a question that comes
     * after a later one is out of order.
     */
    private static final class People implements FakeBotApi.Listener {
        private final UpdateQueue updates;
        private final long botId;
        private final List<List<Walk>> walksByOutcome;
        private final Map<String, String> endingTitles = new ConcurrentHashMap<>();
        private final Random random;
        private final Map<Long, Person> byChat = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Long> instants = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private final LongAdder duplicates = new LongAdder();
        private final AtomicInteger done = new AtomicInteger();
        private volatile boolean stopped;

        People(UpdateQueue updates, Content content, long botId, Random random) {
            this.updates = updates;
            this.botId = botId;
            this.random = random;
            RouteKinds routes = new RouteKinds(new Engine(content.tree()));
            this.walksByOutcome = routes.outcomes().stream().map(outcome -> routes.walks(outcome, 20, random)).toList();
            for (Outcome outcome : content.tree().outcomes()) {
                endingTitles.put(outcome.id(), content.messages().text(outcome.titleKey()));
            }
        }

        /** {@code count} people start at once, each with {@code /start}, their routes to the endings in turn. */
        void start(int count) {
            for (int i = 0; i < count; i++) {
                long chatId = 7_000_000_000L + i;
                List<Walk> walks = walksByOutcome.get(i % walksByOutcome.size());
                Person person = new Person(chatId, walks.get(random.nextInt(walks.size())));
                byChat.put(chatId, person);
                synchronized (person) {
                    offerNext(person, 0);
                }
            }
        }

        void stop() {
            stopped = true;
        }

        int done() {
            return done.get();
        }

        long duplicates() {
            return duplicates.sum();
        }

        List<String> errors() {
            return List.copyOf(errors);
        }

        long[] messageInstants() {
            return instants.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        @Override
        public void sent(long chatId, int messageId, JsonNode body, long nanos) {
            shown(chatId, messageId, "send " + body.path("text").asText() + body.path("reply_markup"), body, nanos);
        }

        @Override
        public void edited(long chatId, int messageId, JsonNode body, long nanos) {
            shown(chatId, messageId, "edit " + messageId + " " + body.path("text").asText() + body.path("reply_markup"), body,
                    nanos);
        }

        @Override
        public void unexpected(String what) {
            errors.add("unexpected call: " + what);
        }

        private void shown(long chatId, int messageId, String fingerprint, JsonNode body, long nanos) {
            instants.add(nanos);
            Person person = byChat.get(chatId);
            if (person == null) {
                errors.add("a message to unknown chat " + chatId);
                return;
            }
            synchronized (person) {
                if (!person.seen.add(fingerprint)) {
                    duplicates.increment();
                    return;
                }
                int asks = person.stepAsked(body);
                if (asks >= 0 && asks < person.latestAsked) {
                    errors.add("chat " + chatId + ": the question for step " + asks + " came after the one for step "
                            + person.latestAsked);
                }
                person.latestAsked = Math.max(person.latestAsked, asks);
                if (person.next < person.walk.length()) {
                    if (Crowd.hasButton(body, person.walk.moves().get(person.next).data())) {
                        offerNext(person, messageId);
                    }
                } else if (!person.finished && body.path("text").asText().contains(endingTitles.get(person.walk.outcome()))) {
                    person.finished = true;
                    done.incrementAndGet();
                }
            }
        }

        /** Offers the person's next move, pressing under message {@code messageId}. Holds the person. */
        private void offerNext(Person person, int messageId) {
            if (stopped) {
                return;
            }
            int step = person.next++;
            Walk.Move move = person.walk.moves().get(step);
            updates.offer(id -> Crowd.json(botId, id, person.chatId, step, move, messageId), new UpdateQueue.Progress() {
                @Override
                public void delivered(long nanos) {
                }

                @Override
                public void confirmed(long nanos) {
                }
            });
        }

        /** One person: the walk, how far they are, and what the bot showed them. Guarded by itself. */
        private static final class Person {
            final long chatId;
            final Walk walk;
            final Set<String> seen = new HashSet<>();
            int next;
            int latestAsked = -1;
            boolean finished;

            Person(long chatId, Walk walk) {
                this.chatId = chatId;
                this.walk = walk;
            }

            /** The last step whose button {@code message} carries, or -1: which question it shows. */
            int stepAsked(JsonNode message) {
                for (int step = walk.length() - 1; step > 0; step--) {
                    if (Crowd.hasButton(message, walk.moves().get(step).data())) {
                        return step;
                    }
                }
                return -1;
            }
        }
    }
}
