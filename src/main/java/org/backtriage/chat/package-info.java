/**
 * The conversation as a person has it, whatever the messenger: {@link org.backtriage.chat.ChatService}
 * (the facade every adapter calls), {@code Dialogue} (one turn in one language) with its views
 * of a question and an ending, {@code Report} (the final message a person forwards) and
 * {@code ReportBound} (the longest it can be), {@code AfterTheEnding} (sharing, a clinician's
 * agreement, the check-in, with {@code CheckInConversation} and {@code CheckInAdvice}), {@code ButtonData} (every button's
 * data, in one namespace), and the interfaces the adapters implement: {@link org.backtriage.chat.SessionStore},
 * {@link org.backtriage.chat.Outbox}, {@link org.backtriage.chat.Telemetry}. It imports only the
 * triage domain and {@code java.*}; the adapters (telegram, console, store) import it.
 */
package org.backtriage.chat;
