package org.backtriage.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.backtriage.chat.ChatService;
import org.backtriage.chat.SessionStore;
import org.backtriage.store.SqliteSessionStore;
import org.backtriage.triage.Choice;
import org.backtriage.triage.Engine;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Option;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.Rule;
import org.backtriage.triage.Tree;
import org.backtriage.triage.TreeValidator;
import org.backtriage.triage.Urgency;

/**
 * The shipped tree and English messages from {@code config/}, read into the domain records, and
 * a real {@link ChatService} over them. Test-only: the production loader lives in the config
 * package.
 */
final class ShippedTriage {
    static final Path TREE = Path.of("config", "triage-tree.json");
    static final Path MESSAGES = Path.of("config", "messages_en.properties");

    private ShippedTriage() {
    }

    static Messages messages() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(MESSAGES, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return new Messages("en", texts);
    }

    static Tree tree() {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(TREE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Question> questions = new ArrayList<>();
        root.get("questions").forEach(q -> questions.add(question(q)));
        List<Outcome> outcomes = new ArrayList<>();
        root.get("outcomes").forEach(o -> outcomes.add(outcome(o)));
        List<Rule> rules = new ArrayList<>();
        root.get("rules").forEach(r -> rules.add(rule(r)));
        return new Tree(root.get("version").asText(), root.get("start").asText(), questions, outcomes, rules);
    }

    /** A chat service over the shipped tree, keeping sessions in {@code store}. */
    static ChatService chatService(SessionStore store) {
        Tree tree = tree();
        Messages messages = messages();
        if (!TreeValidator.validate(tree, messages).isEmpty()) {
            throw new IllegalStateException("shipped tree is invalid: " + TreeValidator.validate(tree, messages));
        }
        return new ChatService(new Engine(tree), messages, store);
    }

    static SqliteSessionStore store(Path dir) {
        return SqliteSessionStore.open(dir.resolve("t.db"), Clock.systemUTC());
    }

    private static Question question(JsonNode q) {
        List<Option> options = new ArrayList<>();
        q.get("options").forEach(o -> options.add(new Option(
                o.get("id").asText(), o.get("label").asText(), text(o, "next"), o.path("exclusive").asBoolean(false))));
        return new Question(q.get("id").asText(), q.get("text").asText(), q.get("summary").asText(),
                Choice.valueOf(q.get("type").asText().toUpperCase(Locale.ROOT)), options, text(q, "next"));
    }

    private static Outcome outcome(JsonNode o) {
        List<String> body = new ArrayList<>();
        o.get("body").forEach(key -> body.add(key.asText()));
        return new Outcome(o.get("id").asText(), Urgency.valueOf(o.get("urgency").asText().toUpperCase(Locale.ROOT)),
                o.get("title").asText(), body, o.get("clinician").asText(), text(o, "reasons"),
                o.get("showAnswers").asBoolean(), o.get("massageRequest").asBoolean());
    }

    private static Rule rule(JsonNode r) {
        Map<String, List<String>> when = new LinkedHashMap<>();
        r.get("when").fields().forEachRemaining(condition -> {
            List<String> options = new ArrayList<>();
            condition.getValue().forEach(option -> options.add(option.asText()));
            when.put(condition.getKey(), options);
        });
        return new Rule(r.get("id").asText(), when, r.get("outcome").asText(), text(r, "reason"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
