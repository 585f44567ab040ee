package org.backtriage.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backtriage.triage.Block;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.Urgency;

/**
 * Reads {@code triage-tree.json} into a {@link Tree}. Only the shape is checked here (fields,
 * types, required values); whether the tree makes sense is {@code TreeValidator}'s job. Read with
 * Jackson's streaming parser rather than its object mapper, whose set-up and reflection cost a
 * large share of start-up for a file this small; the shape is checked as the mapper checked it
 * (unknown fields and nulls in lists are errors, scalars are read as text where text is wanted).
 */
public final class TreeFile {
    private static final JsonFactory JSON = new JsonFactory();

    private TreeFile() {
    }

    /** Parses the tree; {@code source} names the file in error messages. */
    public static Tree read(InputStream in, String source) {
        Object root;
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() == null) {
                throw new ConfigException(source + ": not valid JSON at line 1, column 1: no content (end-of-input)");
            }
            root = value(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigException(source + ": not valid JSON at line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ": more after the end of the tree");
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new ConfigException(source + ": is empty");
        }
        return tree(new Field(root, ""), source);
    }

    /** The value at the parser's current token: maps, lists, text, numbers (as written), booleans, null. */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Number(parser.getText(), token == JsonToken.VALUE_NUMBER_INT);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** A JSON number, as written. */
    private record Number(String text, boolean integral) {
    }

    /** A value in the file with its path there ({@code questions[1].options[0]}), for error messages. */
    private record Field(Object value, String path) {
        ConfigException wrong(String source, String problem) {
            return new ConfigException(source + ": " + (path.isEmpty() ? "" : "at " + path + ": ") + problem);
        }

        /** The object's fields, which must be among {@code names}. */
        Map<String, Object> object(String source, List<String> names) {
            Map<String, Object> fields = anyObject(source);
            for (String name : fields.keySet()) {
                if (!names.contains(name)) {
                    throw get(fields, name).wrong(source, "Unrecognized field \"" + name + "\"; known: " + String.join(", ", names));
                }
            }
            return fields;
        }

        /** The object's fields, whatever their names. */
        Map<String, Object> anyObject(String source) {
            if (!(value instanceof Map<?, ?> map)) {
                throw wrong(source, "expected an object, not " + kind(value));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return fields;
        }

        Field get(Map<String, Object> fields, String name) {
            return new Field(fields.get(name), path.isEmpty() ? name : path + "." + name);
        }

        /** Text, or null when absent; numbers and booleans are read as they are written. */
        String text(String source) {
            if (value == null || value instanceof String) {
                return (String) value;
            }
            if (value instanceof Number number) {
                return number.text();
            }
            if (value instanceof Boolean bool) {
                return bool.toString();
            }
            throw wrong(source, "expected text, not " + kind(value));
        }

        /** true or false (also as text, or 0 and other whole numbers), or null when absent or "". */
        Boolean bool(String source) {
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            if (value instanceof String text) {
                if (text.isEmpty()) {
                    return null;
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(text);
                }
                throw wrong(source, "expected true or false, not \"" + text + "\"");
            }
            if (value instanceof Number number && number.integral()) {
                return !number.text().matches("-?0+");
            }
            throw wrong(source, "expected true or false, not " + kind(value));
        }

        /** The items of a list, empty when absent; a null item is an error. */
        List<Field> items(String source) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw wrong(source, "expected a list, not " + kind(value));
            }
            List<Field> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Field item = new Field(list.get(i), path + "[" + i + "]");
                if (item.value() == null) {
                    throw item.wrong(source, "null is not allowed in a list");
                }
                items.add(item);
            }
            return items;
        }

        List<String> texts(String source) {
            return items(source).stream().map(item -> item.text(source)).toList();
        }

        private static String kind(Object value) {
            if (value instanceof Map) {
                return "an object";
            }
            if (value instanceof List) {
                return "a list";
            }
            return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value instanceof Number n ? n.text() : value);
        }
    }

    private static Tree tree(Field root, String source) {
        Map<String, Object> fields = root.object(source, List.of("version", "start", "questions", "outcomes", "rules", "recheck"));
        List<Question> questions = new ArrayList<>();
        for (Field question : root.get(fields, "questions").items(source)) {
            questions.add(question(question, source));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Field outcome : root.get(fields, "outcomes").items(source)) {
            outcomes.add(outcome(outcome, source));
        }
        List<Rule> rules = new ArrayList<>();
        for (Field rule : root.get(fields, "rules").items(source)) {
            rules.add(rule(rule, source));
        }
        return new Tree(required(root.get(fields, "version").text(source), source, "the tree", "version"),
                required(root.get(fields, "start").text(source), source, "the tree", "start"), questions, outcomes, rules,
                root.get(fields, "recheck").texts(source));
    }

    private static Question question(Field json, String source) {
        Map<String, Object> fields = json.object(source,
                List.of("id", "text", "summary", "why", "heading", "type", "next", "options"));
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
        for (Field option : json.get(fields, "options").items(source)) {
            Map<String, Object> o = option.object(source, List.of("id", "label", "next", "exclusive", "report"));
            String optionId = option.get(o, "id").text(source);
            options.add(new Option(required(optionId, source, where + ": an option", "id"),
                    required(option.get(o, "label").text(source), source, where + ": option '" + optionId + "'", "label"),
                    Optional.ofNullable(option.get(o, "next").text(source)),
                    Boolean.TRUE.equals(option.get(o, "exclusive").bool(source)),
                    Optional.ofNullable(option.get(o, "report").text(source))));
        }
        return new Question(id, required(json.get(fields, "text").text(source), source, where, "text"),
                required(json.get(fields, "summary").text(source), source, where, "summary"), choice, options,
                Optional.ofNullable(json.get(fields, "next").text(source)),
                Optional.ofNullable(json.get(fields, "why").text(source)),
                Optional.ofNullable(json.get(fields, "heading").text(source)));
    }

    private static Outcome outcome(Field json, String source) {
        Map<String, Object> fields = json.object(source,
                List.of("id", "urgency", "title", "body", "clinician", "reasons", "signs", "showAnswers", "massageRequest",
                        "after", "footer"));
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
        for (Field block : json.get(fields, "body").items(source)) {
            body.add(block(block, source, where));
        }
        String footer = json.get(fields, "footer").text(source);
        List<Block> after = new ArrayList<>();
        for (Field block : json.get(fields, "after").items(source)) {
            after.add(block(block, source, where));
        }
        return new Outcome(id, level, required(json.get(fields, "title").text(source), source, where, "title"),
                body, clinician == null ? "" : clinician,
                Optional.ofNullable(json.get(fields, "reasons").text(source)),
                Optional.ofNullable(json.get(fields, "signs").text(source)),
                Boolean.TRUE.equals(json.get(fields, "showAnswers").bool(source)),
                required(json.get(fields, "massageRequest").bool(source), source, where, "massageRequest"),
                after, Optional.ofNullable(footer));
    }

    /** A paragraph: its message key, or {"text": key, "when": {...}, "unless": {...}}. */
    private static Block block(Field json, String source, String where) {
        if (!(json.value() instanceof Map)) {
            return Block.always(required(json.text(source), source, where + ": a body paragraph", "text"));
        }
        Map<String, Object> fields = json.object(source, List.of("text", "when", "unless"));
        return new Block(required(json.get(fields, "text").text(source), source, where + ": a body paragraph", "text"),
                condition(json.get(fields, "when"), source), condition(json.get(fields, "unless"), source));
    }

    /** {question: [option, ...], ...}; empty when absent. */
    private static Map<String, List<String>> condition(Field json, String source) {
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        if (json.value() == null) {
            return conditions;
        }
        Map<String, Object> questions = json.anyObject(source);
        questions.keySet().forEach(question -> conditions.put(question, json.get(questions, question).texts(source)));
        return conditions;
    }

    private static Rule rule(Field json, String source) {
        Map<String, Object> fields = json.object(source, List.of("id", "when", "outcome", "reason"));
        String id = json.get(fields, "id").text(source);
        String where = "a rule";
        required(id, source, where, "id");
        where = "rule '" + id + "'";
        Field when = json.get(fields, "when");
        required(when.value(), source, where, "when");
        return new Rule(id, condition(when, source), required(json.get(fields, "outcome").text(source), source, where, "outcome"),
                Optional.ofNullable(json.get(fields, "reason").text(source)));
    }

    private static <T> T required(T value, String source, String where, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new ConfigException(source + ": " + where + " has no '" + field + "'");
        }
        return value;
    }

}
