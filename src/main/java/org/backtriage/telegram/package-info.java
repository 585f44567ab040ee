/**
 * The Telegram adapter's front door, what BotRunner uses: {@link org.backtriage.telegram.TelegramBot}
 * (long polling, started with retries, under the poller's lease, closed in order) and
 * {@link org.backtriage.telegram.WebhookBot} (the webhook's handler for an HTTP server, no polling,
 * getWebhookInfo for the health check), built from {@code BotSetup} (token, address, tuning,
 * leases) and {@code Wiring} (what BotRunner hands the bot: the chat, outbox, leases, telemetry,
 * clock); {@code BotStartException} when Telegram refuses the token. Both share
 * {@code Outbound}: the one HTTP client and the Bot API's calls, the leased sending, and
 * {@code CheckInRounds} (due check-ins every 30 s) with {@code CommandMenu} once. The work is done
 * in the rooms below, one job each: {@code client} (the Bot API client), {@code sending} (replies
 * out), {@code intake} (updates in, by long polling or the webhook) and {@code miniapp} (the body
 * map's Mini App, which BotRunner builds with the bot's {@code SendQueue}). The front depends on
 * the rooms and a room on lower rooms only (client, then sending, then intake and miniapp); none
 * calls back up here. The front may import its rooms, chat, cluster (the leases), http (the
 * webhook's tally of refusals), logging, Jetty's {@code Handler} (the webhook is one), SLF4J and
 * the JDK; {@code org.telegram} stays in the client and the intakes, OkHttp in the client. The adapter never
 * imports the other adapters ({@code console}, {@code store}).
 */
package org.backtriage.telegram;
