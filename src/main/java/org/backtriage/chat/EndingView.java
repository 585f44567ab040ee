package org.backtriage.chat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.backtriage.triage.Block;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Step;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;

/**
 * An ending as the person sees it: the final message (forwardable, no buttons), then a short
 * message for them alone (what to do with it, self-care) with the buttons that suit the ending:
 * sharing for a massage request they may send as it is; "my clinician agreed" for one that asks
 * them to see a clinician first (which then gives the massage request); the check-in where the
 * bot can reach the person later, never after an emergency, whose only advice is to get help now.
 */
final class EndingView {
    private final Tree tree;
    private final Messages messages;
    private final Report report;
    private final Optional<Function<Outcome, Button>> checkInOffer;

    /** {@code checkInOffer}: the button that plans an ending's check-in, where the bot can reach the person later. */
    EndingView(Tree tree, Messages messages, Report report, Optional<Function<Outcome, Button>> checkInOffer) {
        this.tree = tree;
        this.messages = messages;
        this.report = report;
        this.checkInOffer = checkInOffer;
    }

    /** The ending after a press: the pressed question becomes the final message, and the short message follows. */
    List<Reply> showInPlace(Step.Finished finished, LocalDate madeOn) {
        List<Reply> shown = show(finished, madeOn);
        Reply.Send report = (Reply.Send) shown.get(0);
        return List.of(new Reply.EditPressed(report.html(), Keyboard.NONE), shown.get(1));
    }

    /** The ending as two new messages: the final message, then the short one with its buttons. */
    List<Reply> show(Step.Finished finished, LocalDate madeOn) {
        Outcome outcome = finished.outcome();
        List<List<Button>> rows = new ArrayList<>();
        if (outcome.shareable()) {
            rows.add(List.of(Button.share(messages.text("button.share"), "")));
        }
        if (outcome.afterAgreement().isPresent()) {
            rows.add(List.of(new Button(messages.text("button.agreed"), ButtonData.encode(new ButtonData.Agreed()))));
        }
        if (outcome.urgency() != Urgency.EMERGENCY) {
            checkInOffer.ifPresent(offer -> rows.add(List.of(offer.apply(outcome))));
        }
        return List.of(new Reply.Send(report.render(finished, madeOn), Keyboard.NONE),
                new Reply.Send(after(finished), new Keyboard(rows)));
    }

    /**
     * The massage request an ending waited to give until a clinician agreed, agreed on
     * {@code agreedOn}, and the short message with the share button; empty for an ending that
     * waits for no agreement.
     */
    List<Reply> agreed(Step.Finished finished, LocalDate madeOn, LocalDate agreedOn) {
        return agreedVersion(finished).<List<Reply>>map(agreed -> List.of(
                new Reply.Send(report.render(agreed, madeOn, Optional.of(agreedOn)), Keyboard.NONE),
                new Reply.Send(after(agreed), new Keyboard(List.of(List.of(
                        Button.share(messages.text("button.share"), ""))))))).orElse(List.of());
    }

    /** The final message to share: the massage request once a clinician agreed; empty while the ending waits for that. */
    Optional<String> shareable(Step.Finished finished, LocalDate madeOn, Optional<LocalDate> agreedOn) {
        if (finished.outcome().afterAgreement().isEmpty()) {
            return Optional.of(report.render(finished, madeOn));
        }
        return agreedOn.flatMap(day -> agreedVersion(finished).map(agreed -> report.render(agreed, madeOn, Optional.of(day))));
    }

    /** The ending given once a clinician agreed: the same answers, reasons and signs, under the massage request. */
    Optional<Step.Finished> agreedVersion(Step.Finished finished) {
        return finished.outcome().afterAgreement().flatMap(tree::outcome)
                .map(agreed -> new Step.Finished(agreed, finished.answers(), finished.reasonKeys(), finished.signs()));
    }

    private String after(Step.Finished finished) {
        List<String> after = finished.outcome().after().stream().filter(block -> block.shows(finished.answers()))
                .map(Block::textKey).map(messages::text).toList();
        return after.isEmpty() ? messages.text("after.commands") : String.join("\n\n", after);
    }
}
