/**
 * The Bot API client, the lowest room of the Telegram adapter: {@code BotAccess} (which bot, on
 * which Bot API: the token, the address as {@code BotApiUrl} checks it, and the {@code TokenScrubber}
 * that masks the token in everything logged or thrown); {@code BotHttp}, the one OkHttp client the
 * bot's calls and its long poll share; {@code BotApi}, the calls (answer a press, send, edit, the
 * inline answer, the command menu), at most {@code MOST_AT_ONCE} under way ({@code CallPlaces}), each
 * answered with a {@code TelegramAnswer} ({@code AnswerReader}: what the answer means, never what
 * to do about it); {@code WebhookAdmin} (setWebhook, getWebhookInfo, deleteWebhook), whose calls
 * go through {@code BotApi} too and whose failures are {@code BotApiException}s, carrying the same
 * {@code TelegramAnswer}; {@code UpdatePoll}, getUpdates, one long poll at a time on the
 * same client, its answer read the same way and its updates handed on one JSON object each.
 * Nothing here retries or logs a call. It may import chat (the
 * replies it shows, the telemetry it counts in), logging (the token's shape), Jackson, OkHttp,
 * {@code org.telegram} and the JDK, and no other room of the adapter.
 */
package org.backtriage.telegram.client;
