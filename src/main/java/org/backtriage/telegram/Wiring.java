package org.backtriage.telegram;

import java.time.Clock;
import java.util.Objects;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.Outbox;
import org.backtriage.chat.Telemetry;
import org.backtriage.cluster.Leases;

/**
 * What the bot runs on besides Telegram, handed over by whoever starts it: the conversations,
 * the outbox their turns fill, the leases of the instances sharing the store, where the bot
 * reports its own work (replies sent, failures, polls), and the clock replies age by.
 */
public record Wiring(ChatService chat, Outbox outbox, Leases leases, Telemetry telemetry, Clock clock) {
    public Wiring {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(clock, "clock");
    }
}
