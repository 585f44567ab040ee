package org.backtriage.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.backtriage.triage.Messages;

/** Reads a {@code messages_<lang>.properties} bundle, in UTF-8, into {@link Messages}. */
public final class MessagesFile {
    private MessagesFile() {
    }

    public static Messages read(InputStream in, String language, String source) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            properties.load(reader);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": is not UTF-8 text", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.forEach((key, value) -> texts.put((String) key, (String) value));
        return new Messages(language, texts);
    }
}
