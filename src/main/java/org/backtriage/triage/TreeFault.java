package org.backtriage.triage;

/** One thing wrong with a tree, tied to the node (or rule) where it was found. */
public record TreeFault(String where, String problem) {
    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
