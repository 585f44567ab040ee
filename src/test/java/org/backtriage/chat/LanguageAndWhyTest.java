package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Languages and the "Why do we ask?" pop-up, as a person sees them. */
class LanguageAndWhyTest {
    @TempDir
    Path dir;
    ChatFixture f;
    long updateId = 1;

    @BeforeEach
    void open() {
        f = new ChatFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    List<Reply> say(Incoming incoming, Optional<String> appLanguage) {
        return f.chat.handleQueued(ChatFixture.CHAT, updateId++, Optional.empty(), incoming, appLanguage)
                .stream().map(Outgoing::reply).toList();
    }

    List<Reply> press(String data) {
        return say(new Incoming.Button(data), Optional.empty());
    }

    static String html(Reply reply) {
        return reply instanceof Reply.Send send ? send.html() : ((Reply.EditPressed) reply).html();
    }

    @Test
    void aSpanishAppIsAnsweredInSpanishFromTheFirstMessageOn() {
        List<Reply> welcome = say(new Incoming.Command("start"), Optional.of("es-ES"));

        assertThat(html(welcome.get(0))).startsWith("<b>Revisión del dolor lumbar</b>\nLe haré unas preguntas rápidas")
                .contains("Esto es una orientación, no un diagnóstico.");
        assertThat(((Reply.Send) welcome.get(0)).keyboard().buttons()).containsExactly(new Button("Empezar las preguntas", "s"));
        // Later updates carry no hint; the stored language holds.
        assertThat(html(press("s").get(0))).startsWith("<i>Paso 1 de 19</i>\n<b>Primero, señales que necesitan ayuda inmediata.</b>");
    }

    @Test
    void anAppLanguageWeDoNotSpeakGetsEnglish() {
        assertThat(html(say(new Incoming.Command("start"), Optional.of("de")).get(0))).startsWith("<b>Low back pain check</b>");
    }

    @Test
    void languageCommandOffersEveryLanguageInItsOwnName() {
        List<Reply> replies = say(new Incoming.Command("language"), Optional.empty());

        assertThat(replies).containsExactly(new Reply.Send("Choose your language:", new Keyboard(List.of(
                List.of(new Button("English", "l:en")), List.of(new Button("Español", "l:es"))))));
    }

    @Test
    void choosingALanguageSwitchesAtOnceAndSurvivesRestart() {
        press("r");
        press("p:emergency:none");
        press("p:pregnancy:no");
        List<Reply> replies = press("l:es");

        assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed("Idioma: español", Keyboard.NONE, false));
        assertThat(html(replies.get(1))).startsWith("<i>Paso 3 de 18</i>\n<b>Después, señales que un médico debe revisar hoy.</b>");
        f.close();
        f = new ChatFixture(dir);
        assertThat(html(say(new Incoming.Text(), Optional.of("en-GB")).get(0)))
                .isEqualTo("Por favor, responda con los botones que hay debajo de la pregunta. Aquí la tiene de nuevo:");
    }

    // The Spanish endings' exact texts are in src/test/resources/transcripts/es.

    @Test
    void whyShowsAPopUpAndLeavesTheQuestionAlone() {
        press("r");
        for (String data : ChatServiceTest.TO_WHERE) {
            press(data);
        }

        assertThat(press("w:where")).containsExactly(new Reply.Notice("Pain that spreads below the knee often comes from a nerve"
                + " (sciatica), which a clinician should assess first. Low back, buttock and hip pain fits the two muscles in this plan.",
                true));
        assertThat(press("p:where:thigh").get(0)).isInstanceOf(Reply.EditPressed.class);
        assertThat(html(press("d:where").get(0))).startsWith("<i>Step 7 of 14</i>");
    }

    @Test
    void whyForAnEarlierQuestionStillAnswersAndAnUnknownOneIsStale() {
        press("r");
        press("p:emergency:none");

        assertThat(press("w:emergency")).hasSize(1).allSatisfy(r -> assertThat(((Reply.Notice) r).alert()).isTrue());
        assertThat(press("w:nosuchquestion")).containsExactly(new Reply.Notice(f.text("notice.stale")));
    }

    @Test
    void whyButtonsSitBesideBackAndDone() {
        press("r");
        for (String data : ChatServiceTest.TO_ACTIVITIES) {
            press(data);
        }
        List<Reply> replies = say(new Incoming.Command("start"), Optional.empty());

        List<Button> lastRow = ((Reply.Send) replies.get(1)).keyboard().rows().get(5);
        assertThat(lastRow).containsExactly(new Button("\u25c0 Back", "b"), new Button("\u2139\ufe0f Why?", "w:activities"),
                new Button("Done", "d:activities"));
    }
}
