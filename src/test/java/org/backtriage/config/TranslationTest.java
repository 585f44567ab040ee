package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backtriage.chat.ChatService;
import org.backtriage.triage.Messages;
import org.junit.jupiter.api.Test;

/** Every language has every text, and the tree's texts are really translated. */
class TranslationTest {
    static final Content CONTENT = Content.packaged(ChatService.CONTENT_RULES);

    @Test
    void theShippedLanguagesAreEnglishAndSpanishWithTheSameKeys() {
        List<Messages> languages = CONTENT.languages();

        assertThat(languages).extracting(Messages::language).containsExactly("en", "es");
        assertThat(languages.get(1).keys()).isEqualTo(languages.get(0).keys());
    }

    @Test
    void everyTreeTextIsTranslatedNotCopied() {
        Messages en = CONTENT.languages().get(0);
        Messages es = CONTENT.languages().get(1);
        List<String> copied = en.keys().stream()
                .filter(key -> key.startsWith("q.") || key.startsWith("outcome.") || key.startsWith("reason.") || key.startsWith("request."))
                .filter(key -> !List.of("outcome.answer_line", "outcome.reason_line", "outcome.report_line").contains(key))
                .filter(key -> en.text(key).equals(es.text(key)))
                .sorted()
                .toList();

        assertThat(copied).isEmpty();
    }

    @Test
    void aMissingTranslationStopsStartUpNamingTheKeyAndLanguage() {
        Messages en = CONTENT.languages().get(0);
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        CONTENT.languages().get(1).keys().forEach(k -> texts.put(k, CONTENT.languages().get(1).text(k)));
        texts.remove("q.where.below_knee");
        texts.put("progress", "<i>Paso {paso}</i>");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Content.validated(CONTENT.tree(),
                        List.of(en, new Messages("es", texts)), "test", ChatService.TEXT_KEYS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node 'where': option 'below_knee' label text 'q.where.below_knee' is missing from messages_es")
                .hasMessageContaining("messages_es: text 'progress' has placeholders [{paso}] but messages_en has [{step}, {total}]");
    }
}
