/**
 * The entry point and the only package that knows every other one (none may import it):
 * {@link org.backtriage.Main}, the command line (modes, usage text, exit codes, {@code validate},
 * {@code tree --mermaid}, the console wired with {@code new}, {@code WebhookCommand}: webhook
 * set, info and delete), and {@code BotRunner}, which wires the Telegram bot with {@code new} and
 * runs it, polling or serving its webhook, until a stop signal. Beside them, small parts of
 * that run: {@code SignalledStop} (what a signal does: an orderly stop within its budget, a
 * second signal exits at once), {@code StopSignals} (the only use of {@code sun.misc.Signal}, and
 * why) and {@code RetentionSchedule} (idle sessions deleted hourly).
 */
package org.backtriage;
