package org.backtriage.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation rules: session + input → transition. Pure: no clock, no I/O. The tree must
 * have passed {@link TreeValidator}.
 */
public final class Engine {
    private final Tree tree;
    /** The tree's nodes by id: the engine looks one up at every answer of every step it works out. */
    private final Map<String, Question> questions = new HashMap<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Map<String, Integer> questionsToGo = new HashMap<>();

    public Engine(Tree tree) {
        this.tree = tree;
        tree.questions().forEach(q -> questions.putIfAbsent(q.id(), q));
        tree.outcomes().forEach(o -> outcomes.putIfAbsent(o.id(), o));
        tree.questions().forEach(q -> longestRouteFrom(q.id()));
    }

    private Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    private Optional<Outcome> outcome(String id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    public Tree tree() {
        return tree;
    }

    /** Whether a saved session still makes sense in this tree (it may come from an older one). */
    public boolean fits(Session session) {
        return walk(session).isPresent() && (session.answers().isEmpty() || session.started());
    }

    /** Where the session stands. The session must {@link #fits fit} the tree. */
    public Step step(Session session) {
        if (!session.started()) {
            return new Step.NotStarted();
        }
        String at = walk(session).orElseThrow(() -> new IllegalArgumentException("session does not fit tree " + tree.version()));
        Optional<Question> question = question(at);
        if (question.isPresent()) {
            int answered = session.answers().size();
            Progress progress = new Progress(answered + 1, answered + questionsToGo.get(at));
            return new Step.Asked(question.get(), progress, session.draft(), answered > 0);
        }
        return finish(at, session.answers());
    }

    /** Applies one input. A session that does not fit the tree must be restarted by the caller first. */
    public Transition apply(Session session, Input input) {
        Step current = step(session);
        return switch (input) {
            case Input.Restart _ -> begin();
            case Input.Begin _ -> session.started() ? new Transition.Rejected(Transition.Rejection.STALE, current) : begin();
            case Input.Back _ -> back(session, current);
            case Input.ToQuestion answer -> switch (current) {
                case Step.Asked asked -> answer(session, asked, answer);
                case Step.NotStarted _ -> new Transition.Rejected(Transition.Rejection.NOT_STARTED, current);
                case Step.Finished _ -> new Transition.Rejected(Transition.Rejection.STALE, current);
            };
        };
    }

    private Transition begin() {
        Session begun = Session.begun();
        return new Transition.Moved(begun, step(begun), Optional.empty());
    }

    private Transition answer(Session session, Step.Asked asked, Input.ToQuestion answer) {
        return switch (answer) {
            case Input.Pick pick -> pick(session, asked, pick);
            case Input.Done done -> done(session, asked, done);
            case Input.Mark mark -> mark(session, asked, mark);
        };
    }

    private Transition back(Session session, Step current) {
        if (session.answers().isEmpty()) {
            return new Transition.Rejected(Transition.Rejection.NOTHING_TO_UNDO, current);
        }
        List<Answer> answers = session.answers();
        Answer undone = answers.get(answers.size() - 1);
        boolean multiple = question(undone.questionId()).map(q -> q.choice() == Choice.MULTIPLE).orElse(false);
        // A multiple-choice answer comes back ticked so the person can adjust it; a single choice is simply re-asked.
        // Options only the body map gives have no button to untick, so they do not come back.
        List<String> ticked = multiple ? undone.optionIds().stream()
                .filter(id -> question(undone.questionId()).flatMap(q -> q.option(id)).filter(o -> !o.mapOnly()).isPresent())
                .toList() : List.of();
        Session previous = Session.begun(answers.subList(0, answers.size() - 1), ticked);
        return new Transition.Moved(previous, step(previous), Optional.empty());
    }

    private Transition pick(Session session, Step.Asked asked, Input.Pick pick) {
        Question question = asked.question();
        Optional<Option> option = question.option(pick.optionId());
        if (!question.id().equals(pick.questionId()) || option.isEmpty() || option.get().mapOnly()) {
            return new Transition.Rejected(Transition.Rejection.STALE, asked);
        }
        if (option.get().next().filter(Tree.BACK::equals).isPresent()) {
            // "No, I marked that by mistake": the answer that led here is taken back, to give again.
            return back(session, asked);
        }
        if (question.choice() == Choice.SINGLE || option.get().exclusive()) {
            // "No, none of these" leaves nothing else to tick, so it answers at once.
            return answer(session, question, List.of(option.get().id()));
        }
        Session toggled = Session.begun(session.answers(), toggle(question, session.draft(), option.get()));
        return new Transition.Toggled(toggled, (Step.Asked) step(toggled));
    }

    private Transition done(Session session, Step.Asked asked, Input.Done done) {
        Question question = asked.question();
        if (!question.id().equals(done.questionId()) || question.choice() != Choice.MULTIPLE) {
            return new Transition.Rejected(Transition.Rejection.STALE, asked);
        }
        if (session.draft().isEmpty()) {
            return new Transition.Rejected(Transition.Rejection.NOTHING_SELECTED, asked);
        }
        return answer(session, question, session.draft());
    }

    /** The places tapped on the body map answer its question at once, ticks so far or not. */
    private Transition mark(Session session, Step.Asked asked, Input.Mark mark) {
        Question question = asked.question();
        Optional<BodyMap> map = tree.bodyMap().filter(m -> m.questionId().equals(question.id()));
        if (!question.id().equals(mark.questionId()) || map.isEmpty()) {
            return new Transition.Rejected(Transition.Rejection.STALE, asked);
        }
        Set<String> options = map.get().options(mark.regions());
        if (options.isEmpty()) {
            return new Transition.Rejected(Transition.Rejection.NOTHING_SELECTED, asked);
        }
        return answer(session, question, question.options().stream().map(Option::id).filter(options::contains).toList());
    }

    private Transition answer(Session session, Question question, List<String> chosen) {
        Answer answer = new Answer(question.id(), chosen);
        List<Answer> answers = new ArrayList<>(session.answers());
        answers.add(answer);
        Session next = Session.begun(answers, List.of());
        return new Transition.Moved(next, step(next), Optional.of(new Transition.Answered(question, answer)));
    }

    /** Ticks or unticks an ordinary {@code option}; ticking one clears an exclusive one ("None of these"). */
    private static List<String> toggle(Question question, List<String> draft, Option option) {
        Set<String> ticked = new LinkedHashSet<>(draft);
        if (!ticked.remove(option.id())) {
            question.options().stream().filter(Option::exclusive).map(Option::id).forEach(ticked::remove);
            ticked.add(option.id());
        }
        // Keep the order of the buttons, so summaries read the same whatever order they were tapped in.
        return question.options().stream().map(Option::id).filter(ticked::contains).toList();
    }

    /** What the rules decide for these answers alone, e.g. the red-flag screen asked again at a check-in. */
    public Step.Finished screen(List<Answer> answers) {
        return finish(Tree.END, answers);
    }

    private Step.Finished finish(String at, List<Answer> answers) {
        if (!at.equals(Tree.END)) {
            return new Step.Finished(outcome(at).orElseThrow(), answers, List.of());
        }
        // Plain loops: the tests judge every one of the tree's tens of millions of routes with this.
        Rule first = null;
        List<String> reasons = new ArrayList<>();
        List<Answer> signs = new ArrayList<>();
        for (Rule rule : tree.rules()) {
            if ((first == null || rule.outcomeId().equals(first.outcomeId())) && rule.matches(answers)) {
                first = first == null ? rule : first;
                rule.reasonKey().filter(key -> !reasons.contains(key)).ifPresent(reasons::add);
                rule.matchedIn(answers).stream().filter(sign -> !signs.contains(sign)).forEach(signs::add);
            }
        }
        if (first == null) {
            throw new IllegalStateException("tree " + tree.version() + " has no catch-all rule");
        }
        return new Step.Finished(outcome(first.outcomeId()).orElseThrow(), answers, reasons, signs);
    }

    /** Follows the answers from the start; the id reached (question, outcome or END), or empty if they do not fit. */
    private Optional<String> walk(Session session) {
        String at = tree.start();
        for (Answer answer : session.answers()) {
            Optional<Question> question = question(at);
            if (question.isEmpty() || !question.get().id().equals(answer.questionId()) || !fitsQuestion(question.get(), answer.optionIds())) {
                return Optional.empty();
            }
            Optional<String> next = question.get().nextAfter(answer.optionIds());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        Optional<Question> current = question(at);
        if (current.isPresent()) {
            boolean draftFits = session.draft().isEmpty()
                    || (current.get().choice() == Choice.MULTIPLE && fitsQuestion(current.get(), session.draft()));
            return draftFits ? Optional.of(at) : Optional.empty();
        }
        boolean ended = at.equals(Tree.END) || outcome(at).isPresent();
        return ended && session.draft().isEmpty() ? Optional.of(at) : Optional.empty();
    }

    private static boolean fitsQuestion(Question question, List<String> optionIds) {
        boolean known = !optionIds.isEmpty() && optionIds.stream().allMatch(id -> question.option(id).isPresent());
        return known && (question.choice() == Choice.MULTIPLE || optionIds.size() == 1);
    }

    /** Questions left on the longest route from {@code id}, counting {@code id} itself. */
    private int longestRouteFrom(String id) {
        Integer known = questionsToGo.get(id);
        if (known != null) {
            return known;
        }
        Optional<Question> question = question(id);
        if (question.isEmpty()) {
            return 0;
        }
        Set<String> targets = new LinkedHashSet<>();
        question.get().next().ifPresent(targets::add);
        question.get().options().forEach(o -> o.next().ifPresent(targets::add));
        int longest = 1 + targets.stream().mapToInt(this::longestRouteFrom).max().orElse(0);
        questionsToGo.put(id, longest);
        return longest;
    }
}
