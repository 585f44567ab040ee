package org.backtriage.triage;

/** How soon an ending tells the person to see a clinician. */
public enum Urgency {
    /** Emergency department or the emergency number, now. */
    EMERGENCY,
    /** A doctor today. */
    URGENT,
    /** A doctor or physiotherapist before any massage, within days. */
    SOON,
    /** Massage is reasonable; a clinician if the pain is severe, lasts or worsens. */
    ROUTINE;

    /** True for the red-flag tiers, whose endings must never carry a massage request. */
    public boolean isRedFlag() {
        return this == EMERGENCY || this == URGENT;
    }
}
