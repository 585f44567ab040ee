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

    /** Whether a person may send this ending's message to a massage therapist as it is. */
    public boolean shareable() {
        return massageRequest && afterAgreement.isEmpty();
    }

    /**
     * An ending built by name, as the tests and tools write one: no paragraphs, reasons or signs
     * headings, answers or after-message, not a massage request, the usual footer, no agreement
     * to wait for, until said otherwise; a title and clinician advice are required.
     */
    public static Builder builder(String id, Urgency urgency) {
        return new Builder(id, urgency);
    }

    /** Builds an {@link Outcome}; see {@link Outcome#builder}. */
    public static final class Builder {
        private final String id;
        private final Urgency urgency;
        private String titleKey;
        private List<Block> body = List.of();
        private String clinicianKey;
        private Optional<String> reasonsKey = Optional.empty();
        private Optional<String> signsKey = Optional.empty();
        private boolean showAnswers;
        private boolean massageRequest;
        private List<Block> after = List.of();
        private Optional<String> footerKey = Optional.empty();
        private Optional<String> afterAgreement = Optional.empty();

        private Builder(String id, Urgency urgency) {
            this.id = id;
            this.urgency = urgency;
        }

        public Builder title(String key) {
            this.titleKey = key;
            return this;
        }

        /** Paragraphs that always show. */
        public Builder body(String... keys) {
            return body(java.util.Arrays.stream(keys).map(Block::always).toList());
        }

        public Builder body(List<Block> blocks) {
            this.body = blocks;
            return this;
        }

        public Builder clinician(String key) {
            this.clinicianKey = key;
            return this;
        }

        public Builder reasons(String headingKey) {
            this.reasonsKey = Optional.of(headingKey);
            return this;
        }

        public Builder signs(String headingKey) {
            this.signsKey = Optional.of(headingKey);
            return this;
        }

        public Builder showAnswers(boolean showAnswers) {
            this.showAnswers = showAnswers;
            return this;
        }

        public Builder massageRequest(boolean massageRequest) {
            this.massageRequest = massageRequest;
            return this;
        }

        public Builder after(List<Block> blocks) {
            this.after = blocks;
            return this;
        }

        public Builder footer(String key) {
            this.footerKey = Optional.of(key);
            return this;
        }

        public Builder afterAgreement(String outcomeId) {
            this.afterAgreement = Optional.of(outcomeId);
            return this;
        }

        public Outcome build() {
            return new Outcome(id, urgency, titleKey, body, clinicianKey, reasonsKey, signsKey, showAnswers, massageRequest,
                    after, footerKey, afterAgreement);
        }
    }
}
