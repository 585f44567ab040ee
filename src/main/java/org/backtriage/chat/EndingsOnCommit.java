package org.backtriage.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The telemetry the dialogues report to. Everything goes straight through except the endings
 * of conversations: a turn reaches those inside a store transaction that may still be rolled
 * back (a batch whose commit fails is run again update by update, its turns with it). While a
 * turn is held on a thread, its endings wait, and the caller counts them once the transaction
 * that keeps the turn has committed.
 */
final class EndingsOnCommit implements Telemetry {
    private final Telemetry telemetry;
    /** The endings of the turn running on this thread, while it is held; none otherwise. */
    private final ThreadLocal<List<String>> held = new ThreadLocal<>();

    EndingsOnCommit(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** From now on this thread's endings wait for {@link #release}. */
    void hold() {
        held.set(new ArrayList<>());
    }

    /** The endings reached since {@link #hold}, which no longer wait: count them, or drop them. */
    List<String> release() {
        List<String> endings = held.get();
        held.remove();
        return endings == null ? List.of() : endings;
    }

    /** The transaction that kept these endings' turns committed. */
    void count(List<String> endings) {
        endings.forEach(telemetry::conversationEnded);
    }

    @Override
    public void conversationEnded(String outcomeId) {
        List<String> endings = held.get();
        if (endings == null) {
            telemetry.conversationEnded(outcomeId);
        } else {
            endings.add(outcomeId);
        }
    }

    @Override
    public void updateHandled(Duration took) {
        telemetry.updateHandled(took);
    }

    @Override
    public void replySent(String method) {
        telemetry.replySent(method);
    }

    @Override
    public void replyGivenUp(String reason) {
        telemetry.replyGivenUp(reason);
    }

    @Override
    public void deliveryFailed(String method, int code) {
        telemetry.deliveryFailed(method, code);
    }

    @Override
    public void polled(boolean ok) {
        telemetry.polled(ok);
    }
}
