package org.backtriage.chat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Step;
import org.backtriage.triage.Urgency;

/**
 * An ending as the person sees it: the final message (forwardable, no buttons), then a short
 * message for them alone (what to do with it, self-care) with the buttons that suit the ending:
 * sharing for a massage request, the check-in where the bot can reach the person later, never
 * after an emergency, whose only advice is to get help now.
 */
final class EndingView {
    private final Messages messages;
    private final Report report;
    private final Optional<Button> checkInOffer;

    EndingView(Messages messages, Report report, Optional<Button> checkInOffer) {
        this.messages = messages;
        this.report = report;
        this.checkInOffer = checkInOffer;
    }

    /** The ending after a press: the pressed question becomes the final message, and the short message follows. */
    List<Reply> showInPlace(Step.Finished finished, LocalDate madeOn) {
        List<Reply> shown = show(finished, madeOn);
        Reply.Send report = (Reply.Send) shown.get(0);
        return List.of(new Reply.EditPressed(report.html(), Keyboard.NONE, false), shown.get(1));
    }

    /** The ending as two new messages: the final message, then the short one with its buttons. */
    List<Reply> show(Step.Finished finished, LocalDate madeOn) {
        Outcome outcome = finished.outcome();
        List<List<Button>> rows = new ArrayList<>();
        if (outcome.massageRequest()) {
            rows.add(List.of(Button.share(messages.text("button.share"), "")));
        }
        if (outcome.urgency() != Urgency.EMERGENCY) {
            checkInOffer.ifPresent(offer -> rows.add(List.of(offer)));
        }
        List<String> after = outcome.after().stream().filter(block -> block.shows(finished.answers()))
                .map(block -> messages.text(block.textKey())).toList();
        return List.of(new Reply.Send(report.render(finished, madeOn), Keyboard.NONE),
                new Reply.Send(after.isEmpty() ? messages.text("after.commands") : String.join("\n\n", after),
                        new Keyboard(rows)));
    }
}
