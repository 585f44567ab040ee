package org.backtriage.triage;

/** A place in the conversation tree: a question to ask, or an ending. */
public sealed interface Node permits Question, Outcome {
    String id();
}
