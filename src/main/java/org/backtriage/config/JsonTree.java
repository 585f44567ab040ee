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
import java.util.Map;

/**
 * A JSON document read with Jackson's streaming parser into plain maps, lists and texts, each
 * value with its path in the file ({@code questions[1].options[0]}) so that a shape error names
 * where it is. The object mapper would do this with reflection, at a start-up cost measured in
 * BENCHMARKS.md ("Reading the tree"); the shape is checked as the mapper checks it (unknown
 * fields and nulls in lists are errors, scalars are read as text where text is wanted).
 */
final class JsonTree {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Absent ABSENT = new Absent();

    private JsonTree() {
    }

    /** The document's root; {@code source} names the file in error messages. */
    static Field read(InputStream in, String source) {
        Value root;
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
        Field document = new Field(root, "");
        if (!document.present()) {
            throw new ConfigException(source + ": is empty");
        }
        return document;
    }

    /** The value at the parser's current token. */
    private static Value value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Value> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield new JsonObject(object);
            }
            case START_ARRAY -> {
                List<Value> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield new JsonList(array);
            }
            case VALUE_STRING -> new Text(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Number(parser.getText(), token == JsonToken.VALUE_NUMBER_INT);
            case VALUE_TRUE -> new Bool(true);
            case VALUE_FALSE -> new Bool(false);
            case VALUE_NULL -> ABSENT;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    /** A value in the file: an object, a list, text, a number, true or false, or nothing (null, or a field left out). */
    sealed interface Value {
    }

    /** An object's fields, in the file's order, so that an error names the first wrong one. */
    record JsonObject(Map<String, Value> fields) implements Value {
        JsonObject {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    record JsonList(List<Value> items) implements Value {
        JsonList {
            items = List.copyOf(items);
        }
    }

    record Text(String text) implements Value {
    }

    /** A JSON number, as written. */
    record Number(String text, boolean integral) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    /** null, or a field left out: the file means the same by both. */
    record Absent() implements Value {
    }

    /** A value in the file with its path there ({@code questions[1].options[0]}), for error messages. */
    record Field(Value value, String path) {
        ConfigException wrong(String source, String problem) {
            return new ConfigException(source + ": " + (path.isEmpty() ? "" : "at " + path + ": ") + problem);
        }

        /** Whether the file gives this value (neither null nor left out). */
        boolean present() {
            return !(value instanceof Absent);
        }

        /** The object's fields, which must be among {@code names}. */
        Map<String, Value> object(String source, List<String> names) {
            Map<String, Value> fields = anyObject(source);
            for (String name : fields.keySet()) {
                if (!names.contains(name)) {
                    throw get(fields, name).wrong(source, "Unrecognized field \"" + name + "\"; known: " + String.join(", ", names));
                }
            }
            return fields;
        }

        /** The object's fields, whatever their names. */
        Map<String, Value> anyObject(String source) {
            return switch (value) {
                case JsonObject(Map<String, Value> fields) -> fields;
                case JsonList _, Text _, Number _, Bool _, Absent _ -> throw wrong(source, "expected an object, not " + kind(value));
            };
        }

        Field get(Map<String, Value> fields, String name) {
            return new Field(fields.getOrDefault(name, ABSENT), path.isEmpty() ? name : path + "." + name);
        }

        /** Text, or null when absent; numbers and booleans are read as they are written. */
        String text(String source) {
            return switch (value) {
                case Absent _ -> null;
                case Text(String text) -> text;
                case Number(String text, _) -> text;
                case Bool(boolean bool) -> Boolean.toString(bool);
                case JsonObject _, JsonList _ -> throw wrong(source, "expected text, not " + kind(value));
            };
        }

        /** true or false (also as text, or 0 and other whole numbers), or null when absent or "". */
        Boolean bool(String source) {
            return switch (value) {
                case Absent _ -> null;
                case Bool(boolean bool) -> bool;
                case Text(String text) when text.isEmpty() -> null;
                case Text(String text) when text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ->
                        Boolean.valueOf(text);
                case Text(String text) -> throw wrong(source, "expected true or false, not \"" + text + "\"");
                case Number(String text, boolean integral) when integral -> !text.matches("-?0+");
                case Number _, JsonObject _, JsonList _ -> throw wrong(source, "expected true or false, not " + kind(value));
            };
        }

        /** The items of a list, empty when absent; a null item is an error. */
        List<Field> items(String source) {
            List<Value> list = switch (value) {
                case Absent _ -> List.of();
                case JsonList(List<Value> items) -> items;
                case JsonObject _, Text _, Number _, Bool _ -> throw wrong(source, "expected a list, not " + kind(value));
            };
            List<Field> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Field item = new Field(list.get(i), path + "[" + i + "]");
                if (!item.present()) {
                    throw item.wrong(source, "null is not allowed in a list");
                }
                items.add(item);
            }
            return items;
        }

        List<String> texts(String source) {
            return items(source).stream().map(item -> item.text(source)).toList();
        }

        private static String kind(Value value) {
            return switch (value) {
                case JsonObject _ -> "an object";
                case JsonList _ -> "a list";
                case Text(String text) -> "\"" + text + "\"";
                case Number(String text, _) -> text;
                case Bool(boolean bool) -> Boolean.toString(bool);
                case Absent _ -> "null";
            };
        }
    }

}
