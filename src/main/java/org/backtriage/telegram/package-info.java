/**
 * The Telegram adapter. Two intakes: {@link org.backtriage.telegram.TelegramBot} polls the Bot API
 * through telegrambots' long polling ({@code LongPolling}; {@code UpdateConsumer}: a batch in one
 * transaction), and {@link org.backtriage.telegram.WebhookBot} takes the updates Telegram posts
 * ({@code WebhookHandler}, a Jetty core {@code Handler} served by the http package's {@code HttpServer}: the
 * secret checked in constant time by {@code WebhookSecret}, one update in one transaction, 200
 * only once committed, 503 only when the store failed). Both read each update with
 * {@code UpdateReader} and hand it on with {@code UpdateIntake}, and share {@code Outbound}: the
 * HTTP client and the Bot API's calls (the {@code client} room), the check-in rounds and
 * the {@code Sender}, which delivers the outbox with a virtual thread per chat looping over its
 * {@code Lane} (its order, one call in flight; {@code ReplyDelivery}), the answers to button
 * presses ({@code PressAnswers}), the paces ({@code TokenBucket}, {@code FairPace}) on
 * {@code Timing}, and what each call's answer means ({@code Next}). It may import
 * {@code org.backtriage.chat}, the JDK, SLF4J, Jackson, OkHttp, {@code org.telegram} and Jetty's
 * handler API (never its server or connectors: the http package builds those); it is the only package importing
 * {@code org.telegram} and {@code okhttp3}, and it never imports the other adapters
 * ({@code console}, {@code store}).
 */
package org.backtriage.telegram;
