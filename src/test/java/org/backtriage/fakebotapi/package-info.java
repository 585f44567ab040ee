/**
 * The one stand-in for the Bot API, for the tests and the benchmark alike:
 * {@link org.backtriage.fakebotapi.FakeBotApi}, a plain HTTP/1.1 server on the loopback interface
 * ({@code LoopbackHttpServer}) answering like Telegram. The tests deliver updates to it, read the
 * {@link org.backtriage.fakebotapi.Call}s it recorded and inject
 * {@link org.backtriage.fakebotapi.Fault}s. Told where the bot's instances listen, it also
 * delivers updates by webhook as Telegram does ({@code WebhookDelivery}: the secret header, one
 * update per chat in flight, retries, the instances in turn), recording each
 * {@link org.backtriage.fakebotapi.Delivery}. The benchmark serves its own
 * {@link org.backtriage.fakebotapi.UpdateSource} and counts, recording nothing. It knows no bot
 * code: it imports only the JDK, Jackson and Awaitility (through {@code org.backtriage.Waits}),
 * so it tests the bot from outside, over HTTP, as Telegram would.
 */
package org.backtriage.fakebotapi;
