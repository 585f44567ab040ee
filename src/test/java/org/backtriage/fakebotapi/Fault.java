package org.backtriage.fakebotapi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A way a call goes wrong. {@code takesEffect}: the fake still does what was asked (the message is
 * shown) even though the bot may not learn of it; {@code shape} turns the normal answer into the
 * faulty one.
 */
public record Fault(String name, boolean takesEffect, UnaryOperator<Answer> shape) {
    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /** Telegram answers {@code answer} and does nothing. */
    public static Fault answer(Answer answer) {
        return new Fault("answer " + answer.status(), false, normal -> answer);
    }

    /** The connection closes after the request, without an answer; nothing happens (a reset). */
    public static Fault dropBeforeAnswer() {
        return new Fault("drop before answer", false, normal -> Answer.badGateway().cut(Answer.Cut.BEFORE_ANSWER));
    }

    /** Telegram does it, but the connection breaks while answering: the bot cannot know. */
    public static Fault dropDuringAnswer() {
        return new Fault("drop during answer", true, normal -> normal.cut(Answer.Cut.DURING_BODY));
    }

    /** Telegram does it and answers normally, after {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault("slow " + delay.toMillis() + " ms", true, normal -> normal.after(delay));
    }

    /**
     * Telegram does it and answers normally, but only once the test counts {@code release} down
     * (or after a minute): a call in flight for as long as the test needs.
     */
    public static Fault heldUntil(CountDownLatch release) {
        return new Fault("held", true, normal -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return normal;
        });
    }

    /** Telegram, overloaded, answers a 502 page only after {@code delay}; nothing happens. */
    public static Fault stall(Duration delay) {
        return new Fault("stall " + delay.toMillis() + " ms", false, normal -> Answer.badGateway().after(delay));
    }
}
