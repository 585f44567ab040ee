package org.backtriage.chat;

import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Urgency;

/**
 * What a check-in asks of the advice an ending gave, and says at its close when no sign came
 * back, by the urgency of that ending ({@code was}; empty for a check-in that does not know it).
 * Someone sent to a clinician is told again if they have not gone, however the back is; worse
 * makes every piece of advice sooner.
 */
final class CheckInAdvice {
    private CheckInAdvice() {
    }

    /** The question about the visit the ending advised: a doctor, a clinician, the massage. */
    static String visitQuestion(Optional<Urgency> was) {
        return switch (was.orElse(Urgency.ROUTINE)) {
            case URGENT -> "check_in.visit_urgent";
            case SOON -> "check_in.visit_soon";
            case ROUTINE, EMERGENCY -> "check_in.visit_routine";
        };
    }

    /** The answers the visit question offers. */
    static List<CheckIn.Visit> visits(Optional<Urgency> was) {
        return switch (was.orElse(Urgency.ROUTINE)) {
            case URGENT -> List.of(CheckIn.Visit.SEEN, CheckIn.Visit.NOT_YET);
            case SOON -> List.of(CheckIn.Visit.AGREED, CheckIn.Visit.ADVISED, CheckIn.Visit.NOT_YET);
            case ROUTINE, EMERGENCY -> List.of(CheckIn.Visit.HELPED, CheckIn.Visit.NOT_HELPED, CheckIn.Visit.NOT_YET);
        };
    }

    /** The closing advice's message key. */
    static String closing(CheckIn checkIn, Optional<Urgency> was) {
        boolean worse = checkIn.feeling().filter("worse"::equals).isPresent();
        boolean better = checkIn.feeling().filter("better"::equals).isPresent();
        CheckIn.Visit visit = checkIn.visit().flatMap(CheckIn.Visit::of).orElse(CheckIn.Visit.NOT_YET);
        if (was.filter(Urgency.URGENT::equals).isPresent()) {
            if (visit == CheckIn.Visit.SEEN) {
                return worse ? "check_in.seen_urgent_worse" : "check_in.seen_urgent";
            }
            return worse ? "check_in.not_seen_urgent_worse" : "check_in.not_seen_urgent";
        }
        if (was.filter(Urgency.SOON::equals).isPresent()) {
            return switch (visit) {
                case AGREED -> worse ? "check_in.agreed_worse" : "check_in.agreed";
                case ADVISED -> worse ? "check_in.clinician_end" : "check_in.advised";
                case NOT_YET, SEEN, HELPED, NOT_HELPED -> worse ? "check_in.not_seen_soon_worse" : "check_in.not_seen_soon";
            };
        }
        if (better) {
            return visit == CheckIn.Visit.HELPED ? "check_in.massage_helped" : "check_in.better_end";
        }
        return "check_in.clinician_end";
    }
}
