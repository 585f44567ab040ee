package org.backtriage.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Tree;
import org.backtriage.triage.TreeFault;
import org.backtriage.triage.TreeValidator;

/**
 * The conversation tree and its messages, loaded and validated together. The messages file sits
 * beside the tree file ({@code messages_en.properties}); when a file is not on disk the copy
 * packaged in the jar is used.
 */
public record Content(Tree tree, Messages messages, String source) {
    static final String PACKAGED_TREE = "/config/triage-tree.json";
    static final String PACKAGED_MESSAGES = "/config/messages_en.properties";
    static final String LANGUAGE = "en";

    /** The packaged tree and messages. */
    public static Content packaged(Collection<String> codeKeys) {
        return validated(TreeFile.read(resource(PACKAGED_TREE), "packaged " + PACKAGED_TREE),
                MessagesFile.read(resource(PACKAGED_MESSAGES), LANGUAGE, "packaged " + PACKAGED_MESSAGES),
                "packaged", codeKeys);
    }

    /** The tree at {@code treeFile} with the messages beside it (or the packaged messages). */
    public static Content fromFile(Path treeFile, Collection<String> codeKeys) {
        Tree tree;
        try (InputStream in = Files.newInputStream(treeFile)) {
            tree = TreeFile.read(in, treeFile.toString());
        } catch (IOException e) {
            throw new ConfigException("tree file " + treeFile + " cannot be read: " + e.getMessage(), e);
        }
        Path messagesFile = Optional.ofNullable(treeFile.toAbsolutePath().getParent())
                .map(dir -> dir.resolve("messages_" + LANGUAGE + ".properties"))
                .filter(Files::isRegularFile)
                .orElse(null);
        Messages messages;
        if (messagesFile == null) {
            messages = MessagesFile.read(resource(PACKAGED_MESSAGES), LANGUAGE, "packaged " + PACKAGED_MESSAGES);
        } else {
            try (InputStream in = Files.newInputStream(messagesFile)) {
                messages = MessagesFile.read(in, LANGUAGE, messagesFile.toString());
            } catch (IOException e) {
                throw new ConfigException("messages file " + messagesFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        return validated(tree, messages, treeFile.toString(), codeKeys);
    }

    /** Checks the tree, and that every key the code uses has a text; throws listing every fault. */
    static Content validated(Tree tree, Messages messages, String source, Collection<String> codeKeys) {
        List<TreeFault> faults = new ArrayList<>(TreeValidator.validate(tree, messages));
        codeKeys.stream().filter(key -> !messages.has(key)).forEach(key ->
                faults.add(new TreeFault("messages_" + messages.language(), "text '" + key + "' used by the bot is missing")));
        if (!faults.isEmpty()) {
            throw new ConfigException("the conversation tree (" + source + ") has " + faults.size()
                    + (faults.size() == 1 ? " fault" : " faults") + ":\n"
                    + faults.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
        return new Content(tree, messages, source);
    }

    private static InputStream resource(String name) {
        InputStream in = Content.class.getResourceAsStream(name);
        if (in == null) {
            throw new ConfigException(name + " is missing from the build");
        }
        return in;
    }
}
