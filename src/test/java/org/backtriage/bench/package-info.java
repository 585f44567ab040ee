/**
 * The end-to-end benchmark (BENCHMARKS.md): {@code Benchmark} starts the real bot as its own
 * process ({@code BotProcess}) against the {@link org.backtriage.fakebotapi.FakeBotApi}, and a
 * {@code Crowd} of simulated people walks complete paths of the shipped tree ({@code RouteKinds},
 * {@code Walk}), checking every reply; {@code Report} prints what was measured. It may import the
 * fake Bot API, and {@code org.backtriage.config}, {@code org.backtriage.triage} and
 * {@code ChatService}'s text keys to read the tree and its texts, besides the JDK and Jackson;
 * the bot itself it knows only as a process started from its jar or class path.
 * {@code PeerComparison} runs our bot and the grammY peer alternately on the peer's own load
 * server and prints their figures side by side ({@code LoadsrvReport}: that server's report).
 */
package org.backtriage.bench;
