/**
 * The triage domain, pure: the conversation tree as data ({@link org.backtriage.triage.Tree},
 * questions, options, outcomes with their {@link org.backtriage.triage.Block paragraphs}, rules),
 * the {@link org.backtriage.triage.Engine} that turns a session and an input into a transition,
 * the {@link org.backtriage.triage.TreeValidator} that says whether a tree is fit to serve (the
 * body map's part in {@code BodyMapCheck}), what
 * Telegram's HTML accepts, and the tree as a Mermaid diagram. It imports only {@code java.*} and
 * does no I/O (an ArchUnit test keeps it so); every other package may import it.
 */
package org.backtriage.triage;
