package org.backtriage.fakebotapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Every call so far, and the faults waiting for the next ones. */
final class CallRecord {
    /** A fault for the next {@code remaining} calls that match (a negative count: every one). */
    private static final class Script {
        final Predicate<Call> which;
        final Fault fault;
        int remaining;

        Script(Predicate<Call> which, Fault fault, int times) {
            this.which = which;
            this.fault = fault;
            this.remaining = times;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Integer> byMethod = new TreeMap<>();
    private final List<Script> scripts = new ArrayList<>();

    synchronized void inject(Predicate<Call> which, Fault fault, int times) {
        scripts.add(new Script(which, fault, times));
    }

    synchronized void heal() {
        scripts.clear();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Records a call; returns the fault it gets, or null. */
    synchronized Fault add(String method, JsonNode body, long at) {
        int n = byMethod.merge(method, 1, Integer::sum);
        Fault fault = faultFor(new Call(method, body, n, at, true));
        calls.add(new Call(method, body, n, at, fault == null || fault.takesEffect()));
        return fault;
    }

    private Fault faultFor(Call call) {
        for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
            Script script = it.next();
            if (script.which.test(call)) {
                if (script.remaining > 0 && --script.remaining == 0) {
                    it.remove();
                }
                return script.fault;
            }
        }
        return null;
    }
}
