package org.backtriage.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.backtriage.config.MessagesFile;
import org.backtriage.config.TreeFile;

/**
 * The tree and messages shipped in config/, read from the classpath like the packaged defaults.
 * Read without validation, so that the engine's tests say how the conversation behaves even when
 * {@link TreeValidator} objects to something; {@code TreeValidatorTest} checks validity.
 */
final class ShippedContent {
    private ShippedContent() {
    }

    static Tree tree() {
        try (InputStream in = open("/config/triage-tree.json")) {
            return TreeFile.read(in, "packaged triage-tree.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Messages messages() {
        try (InputStream in = open("/config/messages_en.properties")) {
            return MessagesFile.read(in, "en", "packaged messages_en.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ShippedContent.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test classpath");
        }
        return in;
    }
}
