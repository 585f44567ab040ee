package org.backtriage.triage;

/** Whether a question takes one answer or several. */
public enum Choice {
    SINGLE, MULTIPLE
}
