/**
 * Logging set-up and token masking. {@code LogSetup} is the logback {@code Configurator} service
 * (META-INF/services) that sends every line to stderr, as text or JSON lines ({@code TextOrJsonLayout},
 * {@code JsonLineLayout}), at the level the environment asks for. {@code Redaction} is the one
 * definition of a bot token's shape and of masking it: the log layouts, the Telegram adapter's
 * {@code TokenScrubber}, {@code config.Settings}' token check and the health endpoint's reasons all
 * use it. {@code Subsystem} names the loggers, one per part of the bot. Imports logback, Jackson,
 * SLF4J and the JDK, and no other package of ours, so that any package may import it.
 */
package org.backtriage.logging;
