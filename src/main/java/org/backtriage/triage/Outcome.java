package org.backtriage.triage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ending. Its message is the title; for endings meant to be forwarded ({@code showAnswers}),
 * the date and the person's answers; the signs that chose it (under {@code signsKey}); the reasons
 * of the rules that chose it (under {@code reasonsKey}); the body paragraphs that the answers
 * show; the clinician advice every ending must carry; and the footer (not a diagnosis).
 * {@code after} is the short message to the person that follows it, with its buttons, in
 * paragraphs the answers show like the body's;
 * {@code footerKey} replaces the usual footer, {@link #FOOTER}. {@code afterAgreement}, when
 * set, names the ending whose message replaces this one once the person says a doctor or
 * physiotherapist agreed to the massage (this one asks them to check first, so it is never
 * shared with a therapist itself).
 */
public record Outcome(
        String id,
        Urgency urgency,
        String titleKey,
        List<Block> body,
        String clinicianKey,
        Optional<String> reasonsKey,
        Optional<String> signsKey,
        boolean showAnswers,
        boolean massageRequest,
        List<Block> after,
        Optional<String> footerKey,
        Optional<String> afterAgreement) implements Node {

    /** The footer used when an outcome names none: a message key the code that shows endings supplies. */
    public static final String FOOTER = "outcome.footer";

    public Outcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(titleKey, "titleKey");
        body = List.copyOf(body);
        Objects.requireNonNull(clinicianKey, "clinicianKey");
        Objects.requireNonNull(reasonsKey, "reasonsKey");
        Objects.requireNonNull(signsKey, "signsKey");
        after = List.copyOf(after);
        Objects.requireNonNull(footerKey, "footerKey");
        Objects.requireNonNull(afterAgreement, "afterAgreement");
    }

    /** An ending that needs no agreement before it is shared. */
    public Outcome(String id, Urgency urgency, String titleKey, List<Block> body, String clinicianKey,
                   Optional<String> reasonsKey, Optional<String> signsKey, boolean showAnswers, boolean massageRequest,
                   List<Block> after, Optional<String> footerKey) {
        this(id, urgency, titleKey, body, clinicianKey, reasonsKey, signsKey, showAnswers, massageRequest, after, footerKey,
                Optional.empty());
    }

    /** Whether a person may send this ending's message to a massage therapist as it is. */
    public boolean shareable() {
        return massageRequest && afterAgreement.isEmpty();
    }

    /** An ending whose paragraphs always show, with no signs listed, no after-message and the usual footer. */
    public Outcome(String id, Urgency urgency, String titleKey, List<String> bodyKeys, String clinicianKey,
                   Optional<String> reasonsKey, boolean showAnswers, boolean massageRequest) {
        this(id, urgency, titleKey, bodyKeys.stream().map(Block::always).toList(), clinicianKey, reasonsKey,
                Optional.empty(), showAnswers, massageRequest, List.of(), Optional.empty());
    }
}
