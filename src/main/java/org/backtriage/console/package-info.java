/**
 * The console adapter: {@code ConsoleRunner} holds the bot's conversation in a terminal, its
 * buttons as numbered lines, reading until end of input so that a pipe can drive it. Imports chat
 * (the facade every adapter calls) and triage (the texts), and no other adapter.
 */
package org.backtriage.console;
