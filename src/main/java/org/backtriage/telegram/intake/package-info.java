/**
 * Updates in, by either intake. Long polling: {@code LongPolling} (deleteWebhook, then the poller
 * thread's getUpdates calls through the client's {@code UpdatePoll}, each update read on its own,
 * a {@code CappedBackOff} between failures, each poll reported, a 409 explained) and
 * {@code UpdateConsumer} (a batch in one {@code ChatService} transaction). The webhook: {@code WebhookHandler} (a Jetty core
 * {@code Handler} served by the http package's {@code HttpServer}: POST, one update in one
 * transaction, 200 only once committed, 503 only when the store failed in a way that passes,
 * 403/413/408/400 counted by the http package's {@code Rejections}), its secret checked in constant
 * time by {@code WebhookSecret}. Both read each update with {@code UpdateReader} (an update, as
 * {@code Received}: an event for a chat, or what needs none) and hand it on with
 * {@code UpdateIntake}, the replies to the sending's {@code SendQueue}. It may import the Bot API
 * client, sending's {@code SendQueue} and {@code CappedBackOff}, http's {@code RequestBody} and
 * {@code Rejections}, chat, logging, Jackson, {@code org.telegram}'s types, Jetty's handler API,
 * SLF4J and the JDK; never the adapter's front, nor the body map's Mini App.
 */
package org.backtriage.telegram.intake;
