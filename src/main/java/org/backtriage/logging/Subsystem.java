package org.backtriage.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names the bot logs under, one per subsystem, so that code can move between classes and
 * packages without breaking an operator's log filters (README, "Logs").
 */
public enum Subsystem {
    /** Start-up, stopping, signals, the hourly clean-up, the command menu. */
    BOT("backtriage.bot"),
    /** Settings read at start-up. */
    CONFIG("backtriage.config"),
    /** Updates coming in: long polling, the webhook, handling each update. */
    INTAKE("backtriage.intake"),
    /** Replies going out: the outbox, retries, pacing, answers to button presses. */
    SENDER("backtriage.sender"),
    /** The rounds that send check-ins when they are due. */
    CHECK_INS("backtriage.checkins"),
    /** Several instances: the leases, and sending fenced by them. */
    CLUSTER("backtriage.cluster"),
    /** The body map's Mini App answers. */
    MINI_APP("backtriage.miniapp"),
    /** Requests the public surfaces refused (anyone can send them): at most a line a minute. */
    REFUSED("backtriage.refused"),
    /** The database, SQLite or PostgreSQL. */
    STORE("backtriage.store"),
    /** The operator endpoint (health, metrics) and the HTTP servers. */
    OPS("backtriage.ops");

    private final String loggerName;

    Subsystem(String loggerName) {
        this.loggerName = loggerName;
    }

    public String loggerName() {
        return loggerName;
    }

    public Logger logger() {
        return LoggerFactory.getLogger(loggerName);
    }
}
