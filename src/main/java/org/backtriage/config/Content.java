package org.backtriage.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backtriage.triage.ContentRules;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Tree;
import org.backtriage.triage.TreeFault;
import org.backtriage.triage.TreeValidator;

/**
 * The conversation tree and its messages in every language, loaded and validated together. The
 * messages files sit beside the tree file ({@code messages_<lang>.properties}, English the
 * default); when they are not on disk the copies packaged in the jar are used.
 */
public record Content(Tree tree, List<Messages> languages, String source) {
    static final String PACKAGED_TREE = "/config/triage-tree.json";
    /** The languages packaged in the jar; the first is the default. */
    public static final List<String> PACKAGED_LANGUAGES = List.of("en", "es");
    private static final Pattern MESSAGES_FILE = Pattern.compile("messages_([a-z]{2,3})\\.properties");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

    public Content {
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new ConfigException("no messages in any language");
        }
    }

    /** The messages of the default language. */
    public Messages messages() {
        return languages.get(0);
    }

    /** The packaged tree and messages, checked with {@code rules} too. */
    public static Content packaged(ContentRules rules) {
        List<Messages> languages = PACKAGED_LANGUAGES.stream().map(Content::packagedMessages).toList();
        return validated(TreeFile.read(resource(PACKAGED_TREE), "packaged " + PACKAGED_TREE), languages, "packaged", rules);
    }

    /** The packaged tree and messages, which must hold {@code codeKeys} too. */
    public static Content packaged(Collection<String> codeKeys) {
        return packaged(ContentRules.keys(List.copyOf(codeKeys)));
    }

    /**
     * The tree at {@code treeFile} with every {@code messages_<lang>.properties} beside it
     * (English first), or the packaged messages when there are none.
     */
    public static Content fromFile(Path treeFile, Collection<String> codeKeys) {
        return fromFile(treeFile, ContentRules.keys(List.copyOf(codeKeys)));
    }

    /** As {@link #fromFile(Path, Collection)}, checked with {@code rules} too. */
    public static Content fromFile(Path treeFile, ContentRules rules) {
        Tree tree;
        try (InputStream in = Files.newInputStream(treeFile)) {
            tree = TreeFile.read(in, treeFile.toString());
        } catch (IOException e) {
            throw new ConfigException("tree file " + treeFile + " cannot be read: " + e.getMessage(), e);
        }
        List<Path> files = messagesBeside(treeFile);
        List<Messages> languages = new ArrayList<>();
        for (Path file : files) {
            Matcher name = MESSAGES_FILE.matcher(file.getFileName().toString());
            name.matches();
            try (InputStream in = Files.newInputStream(file)) {
                languages.add(MessagesFile.read(in, name.group(1), file.toString()));
            } catch (IOException e) {
                throw new ConfigException("messages file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (languages.isEmpty()) {
            PACKAGED_LANGUAGES.forEach(language -> languages.add(packagedMessages(language)));
        } else if (!languages.get(0).language().equals(PACKAGED_LANGUAGES.get(0))) {
            throw new ConfigException("messages_" + PACKAGED_LANGUAGES.get(0) + ".properties is missing beside " + treeFile);
        }
        return validated(tree, languages, treeFile.toString(), rules);
    }

    /** Checks the tree in one language; see {@link #validated(Tree, List, String, Collection)}. */
    static Content validated(Tree tree, Messages messages, String source, Collection<String> codeKeys) {
        return validated(tree, List.of(messages), source, ContentRules.keys(List.copyOf(codeKeys)));
    }

    static Content validated(Tree tree, List<Messages> languages, String source, Collection<String> codeKeys) {
        return validated(tree, languages, source, ContentRules.keys(List.copyOf(codeKeys)));
    }

    /**
     * Checks the tree in every language, that every key the code uses has a text in each, that
     * each translation uses the same placeholders as the default language, and the code's own
     * checks for a tree that passed these; throws listing every fault.
     */
    static Content validated(Tree tree, List<Messages> languages, String source, ContentRules rules) {
        List<TreeFault> faults = new ArrayList<>();
        Messages reference = languages.get(0);
        for (Messages messages : languages) {
            List<TreeFault> found = new ArrayList<>(TreeValidator.validate(tree, messages));
            String where = "messages_" + messages.language();
            rules.textKeys().stream().filter(key -> !messages.has(key)).forEach(key ->
                    found.add(new TreeFault(where, "text '" + key + "' used by the bot is missing")));
            if (found.isEmpty()) {
                found.addAll(rules.faults().apply(tree, messages));
            }
            faults.addAll(found);
            if (messages != reference) {
                reference.keys().stream().sorted().filter(messages::has)
                        .filter(key -> !placeholders(reference.text(key)).equals(placeholders(messages.text(key))))
                        .forEach(key -> faults.add(new TreeFault(where, "text '" + key + "' has placeholders "
                                + placeholders(messages.text(key)) + " but messages_" + reference.language() + " has "
                                + placeholders(reference.text(key)))));
                reference.keys().stream().sorted().filter(key -> !messages.has(key)).forEach(key ->
                        faults.add(new TreeFault(where, "text '" + key + "' has no translation")));
            }
        }
        List<TreeFault> distinct = faults.stream().distinct().toList();
        if (!distinct.isEmpty()) {
            throw new ConfigException("the conversation tree (" + source + ") has " + distinct.size()
                    + (distinct.size() == 1 ? " fault" : " faults") + ":\n"
                    + distinct.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
        return new Content(tree, languages, source);
    }

    private static java.util.Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(MatchResult::group).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static List<Path> messagesBeside(Path treeFile) {
        Path dir = Optional.ofNullable(treeFile.toAbsolutePath().getParent()).orElse(Path.of("."));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> MESSAGES_FILE.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .sorted(Comparator.comparing((Path f) -> !f.getFileName().toString().equals("messages_" + PACKAGED_LANGUAGES.get(0) + ".properties"))
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list the messages beside " + treeFile + ": " + e.getMessage(), e);
        }
    }

    private static Messages packagedMessages(String language) {
        String name = "/config/messages_" + language + ".properties";
        return MessagesFile.read(resource(name), language, "packaged " + name);
    }

    private static InputStream resource(String name) {
        InputStream in = Content.class.getResourceAsStream(name);
        if (in == null) {
            throw new ConfigException(name + " is missing from the build");
        }
        return in;
    }
}
