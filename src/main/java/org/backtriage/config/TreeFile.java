package org.backtriage.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;

/**
 * Reads {@code triage-tree.json} into a {@link Tree}. Only the shape is checked here (fields,
 * types, required values); whether the tree makes sense is {@code TreeValidator}'s job.
 */
public final class TreeFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        // A null inside a list ("questions": [null]) is reported with its place, not met later as a crash.
        JSON.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }

    private TreeFile() {
    }

    /** Parses the tree; {@code source} names the file in error messages. */
    public static Tree read(InputStream in, String source) {
        TreeJson json;
        try {
            json = JSON.readValue(in, TreeJson.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + where(e) + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (json == null) {
            throw new ConfigException(source + ": is empty");
        }
        return json.toTree(source);
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "" : "at " + path.substring(path.startsWith(".") ? 1 : 0) + ": ";
    }

    private static <T> T required(T value, String source, String where, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new ConfigException(source + ": " + where + " has no '" + field + "'");
        }
        return value;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record TreeJson(String version, String start, List<QuestionJson> questions,
                            List<OutcomeJson> outcomes, List<RuleJson> rules) {
        Tree toTree(String source) {
            List<Question> qs = new ArrayList<>();
            for (QuestionJson q : listOrEmpty(questions)) {
                qs.add(q.toQuestion(source));
            }
            List<Outcome> os = new ArrayList<>();
            for (OutcomeJson o : listOrEmpty(outcomes)) {
                os.add(o.toOutcome(source));
            }
            List<Rule> rs = new ArrayList<>();
            for (RuleJson r : listOrEmpty(rules)) {
                rs.add(r.toRule(source));
            }
            return new Tree(required(version, source, "the tree", "version"),
                    required(start, source, "the tree", "start"), qs, os, rs);
        }
    }

    private record QuestionJson(String id, String text, String summary, String why, String type, String next,
                                List<OptionJson> options) {
        Question toQuestion(String source) {
            String where = "a question";
            required(id, source, where, "id");
            where = "node '" + id + "'";
            Choice choice = switch (required(type, source, where, "type").toLowerCase(Locale.ROOT)) {
                case "single" -> Choice.SINGLE;
                case "multiple" -> Choice.MULTIPLE;
                default -> throw new ConfigException(source + ": " + where + " has type '" + type
                        + "'; use \"single\" or \"multiple\"");
            };
            List<Option> opts = new ArrayList<>();
            for (OptionJson o : listOrEmpty(options)) {
                String option = where + ": an option";
                opts.add(new Option(required(o.id(), source, option, "id"),
                        required(o.label(), source, where + ": option '" + o.id() + "'", "label"),
                        Optional.ofNullable(o.next()), Boolean.TRUE.equals(o.exclusive())));
            }
            return new Question(id, required(text, source, where, "text"), required(summary, source, where, "summary"),
                    choice, opts, Optional.ofNullable(next), Optional.ofNullable(why));
        }
    }

    private record OptionJson(String id, String label, String next, Boolean exclusive) {
    }

    private record OutcomeJson(String id, String urgency, String title, List<String> body, String clinician,
                               String reasons, @JsonProperty("showAnswers") Boolean showAnswers,
                               @JsonProperty("massageRequest") Boolean massageRequest) {
        Outcome toOutcome(String source) {
            String where = "an outcome";
            required(id, source, where, "id");
            where = "node '" + id + "'";
            Urgency level;
            try {
                level = Urgency.valueOf(required(urgency, source, where, "urgency").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + where + " has urgency '" + urgency
                        + "'; use emergency, urgent, soon or routine");
            }
            return new Outcome(id, level, required(title, source, where, "title"), listOrEmpty(body),
                    clinician == null ? "" : clinician, Optional.ofNullable(reasons),
                    Boolean.TRUE.equals(showAnswers), required(massageRequest, source, where, "massageRequest"));
        }
    }

    private record RuleJson(String id, Map<String, List<String>> when, String outcome, String reason) {
        Rule toRule(String source) {
            String where = "a rule";
            required(id, source, where, "id");
            where = "rule '" + id + "'";
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            required(when, source, where, "when").forEach((q, opts) -> conditions.put(q, listOrEmpty(opts)));
            return new Rule(id, conditions, required(outcome, source, where, "outcome"), Optional.ofNullable(reason));
        }
    }
}
