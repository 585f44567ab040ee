/**
 * The Telegram adapter: {@link org.backtriage.telegram.TelegramBot} polls the Bot API through
 * telegrambots' long polling, {@code UpdateReader} turns each update into an event and
 * {@code UpdateConsumer} hands a batch to the chat layer in one transaction; the {@code Sender}
 * delivers the outbox: a {@code Lane} per chat (its order, one call in flight), the answers to
 * button presses ({@code PressAnswers}), the paces ({@code TokenBucket}, {@code SharedPace}) and
 * what each call's result means ({@code BotApi} → {@code AnswerReader} → {@code Delivery} →
 * {@code RetryPolicy}). It may import {@code org.backtriage.chat}, the JDK, SLF4J, Jackson,
 * OkHttp and {@code org.telegram}; it is the only package importing {@code org.telegram} and
 * {@code okhttp3}, and it never imports the other adapters ({@code console}, {@code store}).
 */
package org.backtriage.telegram;
