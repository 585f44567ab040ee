package org.backtriage.fakebotapi;

import java.net.URI;

/**
 * One webhook POST of an update to an instance: the update and its chat, the instance's URL, the
 * status it answered ({@code 0}: no answer, e.g. the connection was refused or broke), and when it
 * was sent and answered ({@link System#nanoTime}).
 */
public record Delivery(long updateId, long chatId, URI instance, int status, long sentAt, long answeredAt) {
    /** Whether Telegram counts it delivered: a 2xx. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
