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

    private JsonTree() {
    }

    /** The document's root; {@code source} names the file in error messages. */
    static Field read(InputStream in, String source) {
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
        return new Field(root, "");
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
    record Number(String text, boolean integral) {
    }

    /** A value in the file with its path there ({@code questions[1].options[0]}), for error messages. */
    record Field(Object value, String path) {
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

}
