package org.backtriage.config;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backtriage.triage.Block;
import org.backtriage.triage.BodyMap;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;

/**
 * Reads {@code triage-tree.json} into a {@link Tree}. Only the shape is checked here (fields,
 * types, required values), with the file read by {@link JsonTree}; whether the tree makes sense
 * is {@code TreeValidator}'s job.
 */
public final class TreeFile {
    private TreeFile() {
    }

    /** Parses the tree; {@code source} names the file in error messages. */
    public static Tree read(InputStream in, String source) {
        return tree(JsonTree.read(in, source), source);
    }

    private static Tree tree(JsonTree.Field root, String source) {
        Map<String, JsonTree.Value> fields = root.object(source, List.of("version", "start", "questions", "outcomes", "rules", "recheck",
                "bodyMap"));
        List<Question> questions = new ArrayList<>();
        for (JsonTree.Field question : root.get(fields, "questions").items(source)) {
            questions.add(question(question, source));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonTree.Field outcome : root.get(fields, "outcomes").items(source)) {
            outcomes.add(outcome(outcome, source));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonTree.Field rule : root.get(fields, "rules").items(source)) {
            rules.add(rule(rule, source));
        }
        return new Tree(required(root.get(fields, "version").text(source), source, "the tree", "version"),
                required(root.get(fields, "start").text(source), source, "the tree", "start"), questions, outcomes, rules,
                root.get(fields, "recheck").texts(source), bodyMap(root.get(fields, "bodyMap"), source));
    }

    /** {"question": id, "regions": [...], "marks": [{"when": [...], "unless": [...], "options": [...]}]}; empty when absent. */
    private static Optional<BodyMap> bodyMap(JsonTree.Field json, String source) {
        if (!json.present()) {
            return Optional.empty();
        }
        Map<String, JsonTree.Value> fields = json.object(source, List.of("question", "regions", "marks"));
        List<BodyMap.Mark> marks = new ArrayList<>();
        for (JsonTree.Field mark : json.get(fields, "marks").items(source)) {
            Map<String, JsonTree.Value> m = mark.object(source, List.of("when", "unless", "options"));
            marks.add(new BodyMap.Mark(mark.get(m, "when").texts(source), mark.get(m, "unless").texts(source),
                    mark.get(m, "options").texts(source)));
        }
        return Optional.of(new BodyMap(required(json.get(fields, "question").text(source), source, "the body map", "question"),
                json.get(fields, "regions").texts(source), marks));
    }

    private static Question question(JsonTree.Field json, String source) {
        Map<String, JsonTree.Value> fields = json.object(source,
                List.of("id", "text", "summary", "why", "heading", "type", "next", "options", "listed", "checkInText"));
        String id = json.get(fields, "id").text(source);
        String where = "a question";
        required(id, source, where, "id");
        where = "node '" + id + "'";
        String type = json.get(fields, "type").text(source);
        Choice choice = switch (required(type, source, where, "type").toLowerCase(Locale.ROOT)) {
            case "single" -> Choice.SINGLE;
            case "multiple" -> Choice.MULTIPLE;
            default -> throw new ConfigException(source + ": " + where + " has type '" + type
                    + "'; use \"single\" or \"multiple\"");
        };
        List<Option> options = new ArrayList<>();
        for (JsonTree.Field option : json.get(fields, "options").items(source)) {
            Map<String, JsonTree.Value> o = option.object(source, List.of("id", "label", "next", "exclusive", "report", "mapOnly"));
            String optionId = option.get(o, "id").text(source);
            options.add(new Option(required(optionId, source, where + ": an option", "id"),
                    required(option.get(o, "label").text(source), source, where + ": option '" + optionId + "'", "label"),
                    Optional.ofNullable(option.get(o, "next").text(source)),
                    Boolean.TRUE.equals(option.get(o, "exclusive").bool(source)),
                    Optional.ofNullable(option.get(o, "report").text(source)),
                    Boolean.TRUE.equals(option.get(o, "mapOnly").bool(source))));
        }
        return new Question(id, required(json.get(fields, "text").text(source), source, where, "text"),
                required(json.get(fields, "summary").text(source), source, where, "summary"), choice, options,
                Optional.ofNullable(json.get(fields, "next").text(source)),
                Optional.ofNullable(json.get(fields, "why").text(source)),
                Optional.ofNullable(json.get(fields, "heading").text(source)),
                !Boolean.FALSE.equals(json.get(fields, "listed").bool(source)),
                Optional.ofNullable(json.get(fields, "checkInText").text(source)));
    }

    private static Outcome outcome(JsonTree.Field json, String source) {
        Map<String, JsonTree.Value> fields = json.object(source,
                List.of("id", "urgency", "title", "body", "clinician", "reasons", "signs", "showAnswers", "massageRequest",
                        "after", "footer", "afterAgreement"));
        String id = json.get(fields, "id").text(source);
        String where = "an outcome";
        required(id, source, where, "id");
        where = "node '" + id + "'";
        String urgency = json.get(fields, "urgency").text(source);
        Urgency level;
        try {
            level = Urgency.valueOf(required(urgency, source, where, "urgency").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + where + " has urgency '" + urgency
                    + "'; use emergency, urgent, soon or routine");
        }
        String clinician = json.get(fields, "clinician").text(source);
        List<Block> body = new ArrayList<>();
        for (JsonTree.Field block : json.get(fields, "body").items(source)) {
            body.add(block(block, source, where));
        }
        String footer = json.get(fields, "footer").text(source);
        List<Block> after = new ArrayList<>();
        for (JsonTree.Field block : json.get(fields, "after").items(source)) {
            after.add(block(block, source, where));
        }
        return new Outcome(id, level, required(json.get(fields, "title").text(source), source, where, "title"),
                body, clinician == null ? "" : clinician,
                Optional.ofNullable(json.get(fields, "reasons").text(source)),
                Optional.ofNullable(json.get(fields, "signs").text(source)),
                Boolean.TRUE.equals(json.get(fields, "showAnswers").bool(source)),
                required(json.get(fields, "massageRequest").bool(source), source, where, "massageRequest"),
                after, Optional.ofNullable(footer), Optional.ofNullable(json.get(fields, "afterAgreement").text(source)));
    }

    /** A paragraph: its message key, or {"text": key, "when": {...}, "unless": {...}}. */
    private static Block block(JsonTree.Field json, String source, String where) {
        return switch (json.value()) {
            case JsonTree.JsonObject _ -> {
                Map<String, JsonTree.Value> fields = json.object(source, List.of("text", "when", "unless"));
                yield new Block(required(json.get(fields, "text").text(source), source, where + ": a body paragraph", "text"),
                        condition(json.get(fields, "when"), source), condition(json.get(fields, "unless"), source));
            }
            case JsonTree.Text _, JsonTree.Number _, JsonTree.Bool _, JsonTree.JsonList _, JsonTree.Absent _ ->
                    Block.always(required(json.text(source), source, where + ": a body paragraph", "text"));
        };
    }

    /** {question: [option, ...], ...}; empty when absent. */
    private static Map<String, List<String>> condition(JsonTree.Field json, String source) {
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        if (!json.present()) {
            return conditions;
        }
        Map<String, JsonTree.Value> questions = json.anyObject(source);
        questions.keySet().forEach(question -> conditions.put(question, json.get(questions, question).texts(source)));
        return conditions;
    }

    private static Rule rule(JsonTree.Field json, String source) {
        Map<String, JsonTree.Value> fields = json.object(source, List.of("id", "when", "outcome", "reason"));
        String id = json.get(fields, "id").text(source);
        String where = "a rule";
        required(id, source, where, "id");
        where = "rule '" + id + "'";
        JsonTree.Field when = json.get(fields, "when");
        if (!when.present() || when.value() instanceof JsonTree.Text(String text) && text.isBlank()) {
            throw missing(source, where, "when");
        }
        return new Rule(id, condition(when, source), required(json.get(fields, "outcome").text(source), source, where, "outcome"),
                Optional.ofNullable(json.get(fields, "reason").text(source)));
    }

    private static <T> T required(T value, String source, String where, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw missing(source, where, field);
        }
        return value;
    }

    private static ConfigException missing(String source, String where, String field) {
        return new ConfigException(source + ": " + where + " has no '" + field + "'");
    }

}
