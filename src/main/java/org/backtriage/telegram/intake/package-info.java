/**
 * Updates in, by either intake. Long polling: {@code LongPolling} (the library's registration, the
 * poller thread, the open getUpdates call, a {@code CappedBackOff} as the library's back-off) with
 * {@code PollingConflicts} (each poll reported, a 409 explained) and {@code UpdateConsumer} (a batch
 * in one {@code ChatService} transaction). The webhook: {@code WebhookHandler} (a Jetty core
 * {@code Handler} served by the http package's {@code HttpServer}: POST, one update in one
 * transaction, 200 only once committed, 503 only when the store failed in a way that passes,
 * 403/413/408/400 counted by the http package's {@code Rejections}), its secret checked in constant
 * time by {@code WebhookSecret}. Both read each update with {@code UpdateReader} (an update, as
 * {@code Received}: an event for a chat, or what needs none) and hand it on with
 * {@code UpdateIntake}, the replies to the sending's {@code SendQueue}. It may import the Bot API
 * client, sending's {@code SendQueue} and {@code CappedBackOff}, http's {@code RequestBody} and
 * {@code Rejections}, chat, logging, Jackson, OkHttp, {@code org.telegram}, Jetty's handler API,
 * SLF4J and the JDK; never the adapter's front, nor the body map's Mini App.
 */
package org.backtriage.telegram.intake;
