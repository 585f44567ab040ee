package org.backtriage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Hands SIGTERM and SIGINT (Ctrl-C) to a handler, by name ("TERM", "INT"), instead of letting
 * them end the JVM.
 *
 * <p>The one class that uses {@code sun.misc.Signal}, a JDK class outside the supported API (in
 * the {@code jdk.unsupported} module, which every JDK since 9 has and exports): the JDK has no
 * supported way to handle a signal. Its only public hook, {@link Runtime#addShutdownHook}, runs
 * once the JVM has already begun to exit, which cannot give the stop the bot promises: while the
 * hooks run the JVM ignores a second signal, so an operator could not cut a stuck stop short (it
 * waits for the hooks however long they take); the JVM's own exit races the stop; and the
 * process ends with 143 ("killed by SIGTERM") even after an orderly stop, instead of 0.
 */
final class StopSignals {
    static final List<String> NAMES = List.of("TERM", "INT");

    private final Map<Signal, SignalHandler> previous;

    private StopSignals(Map<Signal, SignalHandler> previous) {
        this.previous = previous;
    }

    /**
     * From now on each SIGTERM and SIGINT calls {@code handler} with the signal's name, on a
     * thread of the JVM's; until {@link #restore}, which the bot never calls: it keeps the
     * handling to its exit.
     */
    static StopSignals handle(Consumer<String> handler) {
        SignalHandler onSignal = signal -> handler.accept(signal.getName());
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, onSignal));
        }
        return new StopSignals(previous);
    }

    /** The handling there was before {@link #handle}. */
    void restore() {
        previous.forEach(Signal::handle);
    }
}
