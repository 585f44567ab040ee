package org.backtriage.fakebotapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Telegram's side of webhook mode, with the load balancer's: takes the updates out of an
 * {@link UpdateSource} and POSTs each as JSON, with the registered secret in
 * {@code X-Telegram-Bot-Api-Secret-Token}, to one of the instances behind the webhook URL. As
 * Telegram does, it holds at most one update of a chat in flight (a chat's later updates wait
 * until its earlier one got a 2xx), delivers different chats at once over up to
 * {@code max_connections} connections, and delivers again on anything but a 2xx (a short
 * back-off, 50 ms doubling up to 800 ms) until it gets one. The instances take turns (round
 * robin); one that could not be reached is left out for a second, unless none can be. Each
 * delivering thread keeps a connection of its own to each instance ({@link WebhookConnection}).
 */
final class WebhookDelivery implements AutoCloseable {
    /** Where and how to post, as setWebhook registered it and the test or benchmark placed the instances. */
    record Target(List<URI> instances, Optional<String> secret, int maxConnections) {
        Target {
            instances = List.copyOf(instances);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 800;
    private static final long LEFT_OUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** A paused instance: Telegram gives up on it too and delivers again. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final int MOST_CONNECTIONS = 100;

    /** An update waiting for its 2xx. */
    private static final class Pending {
        final long id;
        final long chatId;
        final byte[] json;
        int failures;

        Pending(long id, long chatId, byte[] json) {
            this.id = id;
            this.chatId = chatId;
            this.json = json;
        }
    }

    /** One chat's updates in order; {@code scheduled} while its first is ready, in flight or backing off. */
    private static final class Line {
        final long chatId;
        final ArrayDeque<Pending> updates = new ArrayDeque<>();
        boolean scheduled;

        Line(long chatId) {
            this.chatId = chatId;
        }
    }

    private final UpdateSource source;
    /** The current target, or empty while no webhook is set (or no instance is known). */
    private final Supplier<Optional<Target>> target;
    /** Every attempt, when recording (the tests); null for the benchmark. */
    private final List<Delivery> attempts;
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<Long, Line> lines = new HashMap<>();
    private final LinkedBlockingQueue<Line> ready = new LinkedBlockingQueue<>();
    private final Map<URI, Long> leftOutUntil = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(MOST_CONNECTIONS, daemons("fake-telegram-webhook"));
    private final ScheduledExecutorService backOff = Executors.newSingleThreadScheduledExecutor(daemons("fake-telegram-retry"));
    private final Thread taker;
    /** Workers allowed to post at once: max_connections, at most {@link #MOST_CONNECTIONS}. */
    private final java.util.concurrent.Semaphore connections = new java.util.concurrent.Semaphore(0);
    private int connectionsGranted;
    private int waiting;
    private volatile long lastErrorAtMillis;
    private volatile String lastError = "";
    private volatile boolean closed;

    /**
     * Takes updates from {@code source} and delivers them while {@code target} names instances,
     * asked again at each delivery and when {@link #targetChanged} is called; every attempt is
     * kept if {@code record}.
     */
    WebhookDelivery(UpdateSource source, Supplier<Optional<Target>> target, boolean record) {
        this.source = source;
        this.target = target;
        this.attempts = record ? new ArrayList<>() : null;
        this.taker = new Thread(this::take, "fake-telegram-webhook-taker");
        taker.setDaemon(true);
        taker.start();
        for (int i = 0; i < MOST_CONNECTIONS; i++) {
            workers.execute(this::work);
        }
    }

    /** To be called when setWebhook, deleteWebhook or the instances changed what {@code target} says. */
    synchronized void targetChanged() {
        target.get().ifPresent(now -> {
            int wanted = Math.max(1, Math.min(MOST_CONNECTIONS, now.maxConnections()));
            if (wanted > connectionsGranted) {
                connections.release(wanted - connectionsGranted);
            } else if (wanted < connectionsGranted) {
                connections.acquireUninterruptibly(connectionsGranted - wanted);
            }
            connectionsGranted = wanted;
        });
        notifyAll();
    }

    /** Updates taken from the source and not yet answered with a 2xx. */
    synchronized int pending() {
        return waiting;
    }

    /** Every attempt so far, in the order they were answered (or failed). */
    List<Delivery> attempts() {
        if (attempts == null) {
            throw new IllegalStateException("this fake serves the benchmark and records no deliveries");
        }
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Attempts so far by the status they got ({@code 0}: no answer). */
    Map<Integer, Long> answers() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach((status, count) -> byStatus.put(status, count.sum()));
        return byStatus;
    }

    /** The unix time of the latest failed delivery, 0 if none. */
    long lastErrorDate() {
        return lastErrorAtMillis / 1000;
    }

    /** Telegram's words for the latest failed delivery, empty if none. */
    String lastErrorMessage() {
        return lastError;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        taker.interrupt();
        workers.shutdownNow();
        backOff.shutdownNow();
    }

    /** The taker: moves updates from the source to their chats' lines while a webhook is set. */
    private void take() {
        long offset = 0;
        try {
            while (!closed) {
                synchronized (this) {
                    while (!closed && target.get().isEmpty()) {
                        wait();
                    }
                }
                if (closed) {
                    return;
                }
                // Confirms what earlier polls gave: Telegram keeps it now, in its webhook queue.
                for (byte[] json : source.poll(offset, 100, 200)) {
                    JsonNode update = JSON.readTree(json);
                    long id = update.path("update_id").asLong();
                    offset = Math.max(offset, id + 1);
                    add(new Pending(id, chatOf(update), json));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("an update that is not JSON", e);
        }
    }

    private synchronized void add(Pending update) {
        Line line = lines.computeIfAbsent(update.chatId, Line::new);
        line.updates.addLast(update);
        waiting++;
        if (!line.scheduled) {
            line.scheduled = true;
            ready.add(line);
        }
    }

    /** A worker: posts the first update of a ready chat, then hands the chat back. */
    private void work() {
        // This thread's own connections, one per instance, kept alive between updates.
        Map<URI, WebhookConnection> mine = new HashMap<>();
        try {
            while (!closed) {
                Line line = ready.take();
                Pending update;
                synchronized (this) {
                    update = line.updates.peekFirst();
                }
                connections.acquire();
                boolean delivered;
                try {
                    delivered = post(update, mine);
                } finally {
                    connections.release();
                }
                synchronized (this) {
                    if (delivered) {
                        line.updates.pollFirst();
                        waiting--;
                        source.answered(update.id, System.nanoTime());
                        if (line.updates.isEmpty()) {
                            line.scheduled = false;
                            lines.remove(line.chatId);
                        } else {
                            ready.add(line);
                        }
                        continue;
                    }
                }
                long delay = Math.min(MAX_BACK_OFF_MILLIS, FIRST_BACK_OFF_MILLIS << Math.min(10, update.failures++));
                backOff.schedule(() -> ready.add(line), delay, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mine.values().forEach(WebhookConnection::close);
        }
    }

    /** One POST over one of {@code connections}; true on a 2xx. */
    private boolean post(Pending update, Map<URI, WebhookConnection> connections) {
        Optional<Target> now = target.get();
        if (now.isEmpty() || now.get().instances().isEmpty()) {
            return false;
        }
        URI instance = choose(now.get().instances());
        Map<String, String> headers = now.get().secret().map(secret -> Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                .orElse(Map.of());
        long sentAt = System.nanoTime();
        int status;
        String problem = "";
        try {
            status = postOnce(update.json, headers, instance, connections);
        } catch (IOException e) {
            status = 0;
            problem = e instanceof java.net.SocketTimeoutException ? "Read timeout expired" : "Connection refused";
            leftOutUntil.put(instance, System.nanoTime() + LEFT_OUT_NANOS);
        }
        Delivery attempt = new Delivery(update.id, update.chatId, instance, status, sentAt, System.nanoTime());
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (attempts != null) {
            synchronized (attempts) {
                attempts.add(attempt);
            }
        }
        if (!attempt.delivered()) {
            lastErrorAtMillis = System.currentTimeMillis();
            lastError = status == 0 ? problem : "Wrong response from the webhook: " + status;
        }
        return attempt.delivered();
    }

    /**
     * Over the kept connection to {@code instance}, or a new one. A kept connection the instance
     * closed while it was idle fails before any answer: then once more on a new one, as HTTP
     * clients do.
     */
    private static int postOnce(byte[] body, Map<String, String> headers, URI instance,
                                Map<URI, WebhookConnection> connections) throws IOException {
        WebhookConnection connection = connections.get(instance);
        if (connection != null) {
            try {
                return answered(connection.post(body, headers), instance, connection, connections);
            } catch (IOException e) {
                connection.close();
                connections.remove(instance);
                if (connection.answerBegan() || e instanceof java.net.SocketTimeoutException) {
                    throw e;
                }
            }
        }
        connection = WebhookConnection.open(instance, CONNECT_TIMEOUT, ANSWER_TIMEOUT);
        connections.put(instance, connection);
        try {
            return answered(connection.post(body, headers), instance, connection, connections);
        } catch (IOException e) {
            connection.close();
            connections.remove(instance);
            throw e;
        }
    }

    /** {@code status}, forgetting the connection if the instance closed it after answering. */
    private static int answered(int status, URI instance, WebhookConnection connection, Map<URI, WebhookConnection> connections) {
        if (!connection.isOpen()) {
            connections.remove(instance);
        }
        return status;
    }

    /** The next instance in turn that was not left out; if every one was, the next in turn. */
    private URI choose(List<URI> instances) {
        int first = Math.floorMod(turn.getAndIncrement(), instances.size());
        long now = System.nanoTime();
        for (int i = 0; i < instances.size(); i++) {
            URI instance = instances.get((first + i) % instances.size());
            Long until = leftOutUntil.get(instance);
            if (until == null || until - now <= 0) {
                return instance;
            }
        }
        return instances.get(first);
    }

    /** The chat an update belongs to, as Telegram orders them: the chat, else the person (an inline query), else the update alone. */
    private static long chatOf(JsonNode update) {
        for (String path : List.of("/message/chat/id", "/edited_message/chat/id", "/callback_query/message/chat/id",
                "/callback_query/from/id", "/inline_query/from/id", "/chosen_inline_result/from/id")) {
            JsonNode id = update.at(path);
            if (id.isNumber()) {
                return id.asLong();
            }
        }
        return -update.path("update_id").asLong();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
