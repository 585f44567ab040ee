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
        assertThat(html(press("s").get(1))).startsWith("<i>Paso 1 de 8</i>\n<b>Primero, señales que necesitan ayuda inmediata.</b>");
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
        List<Reply> replies = press("l:es");

        assertThat(replies.get(0)).isEqualTo(new Reply.EditPressed("Idioma: español", Keyboard.NONE, false));
        assertThat(html(replies.get(1))).startsWith("<i>Paso 2 de 8</i>\n<b>Después, señales que necesitan un médico hoy.</b>");
        f.close();
        f = new ChatFixture(dir);
        assertThat(html(say(new Incoming.Text(), Optional.of("en-GB")).get(0)))
                .isEqualTo("Por favor, responda con los botones que hay debajo de la pregunta. Aquí la tiene de nuevo:");
    }

    @Test
    void spanishEndingsAreWordedAsReviewed() {
        say(new Incoming.Command("restart"), Optional.of("es"));
        assertThat(html(press("p:emergency:yes").get(1))).isEqualTo(EMERGENCY_ES);

        press("r");
        for (String data : List.of("p:emergency:none", "p:urgent:none", "p:where:one_side", "p:feeling:sharp",
                "p:duration:under_6w", "p:severity:moderate", "p:age:20_50", "p:activities:lifting", "p:activities:slumped")) {
            press(data);
        }
        assertThat(html(press("d:activities").get(1))).isEqualTo(QL_PATTERN_ES);
    }

    @Test
    void whyShowsAPopUpAndLeavesTheQuestionAlone() {
        press("r");
        press("p:emergency:none");
        press("p:urgent:none");

        assertThat(press("w:where")).containsExactly(new Reply.Notice("Pain that travels below the knee often comes from a nerve,"
                + " which a clinician should assess first. Low back and buttock pain fits the two muscles this plan works on.", true));
        assertThat(html(press("p:where:one_side").get(1))).startsWith("<i>Step 4 of 8</i>");
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
        for (String data : List.of("p:emergency:none", "p:urgent:none", "p:where:one_side", "p:feeling:sharp",
                "p:duration:under_6w", "p:severity:moderate", "p:age:20_50")) {
            press(data);
        }
        List<Reply> replies = say(new Incoming.Command("start"), Optional.empty());

        List<Button> lastRow = ((Reply.Send) replies.get(1)).keyboard().rows().get(5);
        assertThat(lastRow).containsExactly(new Button("\u25c0 Back", "b"), new Button("\u2139\ufe0f Why?", "w:activities"),
                new Button("Done", "d:activities"));
    }

    static final String EMERGENCY_ES = """
            🚨 <b>Pida ayuda de emergencia ahora</b>

            Tiene al menos una señal que puede indicar un problema grave, como el síndrome de cauda equina (presión sobre los nervios de la parte baja de la columna) u otra causa grave. Hay que revisarlo de inmediato.

            <b>Vaya ahora a urgencias, o llame a su número local de emergencias</b> (112 en Europa, 911 en EE. UU. y gran parte de América Latina). No espere a ver si mejora.

            Un médico tiene que examinarle ahora. Dígale qué señales tiene.

            <i>Esto es una orientación basada en una lista de comprobación, no un diagnóstico. Solo un médico o un fisioterapeuta que le examine puede decir qué causa el dolor.</i>""";

    static final String QL_PATTERN_ES = """
            💆 <b>Petición de masaje: cuadrado lumbar y glúteo medio</b>

            <b>Sobre mi dolor de espalda</b>
            • Señales de emergencia: Ninguna de estas
            • Señales urgentes: Ninguna de estas
            • Dónde duele: Un lado de la zona lumbar
            • Cómo es: Agudo, punzante, intenso
            • Desde cuándo: Menos de 6 semanas
            • Intensidad (0–10): 4–6, moderado
            • Edad: De 20 a 50
            • Lo provoca: Levantar algo inclinado; Sentarse encorvado

            <b>Lo que pido</b>
            Por favor, trabaje mi cuadrado lumbar (QL) y mi glúteo medio:

            1. Mi QL mientras estoy de lado: 20 minutos cada lado (40 minutos).
            2. Después, mi glúteo medio durante 20 minutos mientras estoy boca abajo.
            60 minutos en total. Por favor, estire y masajee cada músculo a la vez.

            <b>Por qué estos músculos</b>
            El QL une la última costilla con la pelvis y mantiene la pelvis estable. Es una causa frecuente de dolor lumbar, y un dolor agudo y punzante, o que aparece al inclinarse o encorvarse, encaja con un QL tenso. El glúteo medio, en la nalga, a menudo también duele, porque trabaja de más para compensar un QL irritado.

            <b>Conviene saber</b>
            La guía NICE sobre el dolor lumbar (NG59) recomienda el masaje solo junto con ejercicio y mantenerse activo. Este plan de 60 minutos es la recomendación de una masajista, no un tratamiento probado.

            <b>Cuándo ver a un profesional</b>
            Vea a un médico o a un fisioterapeuta si el dolor es intenso, dura más de unas semanas, le impide las actividades diarias o empeora.

            <i>Esto es una orientación basada en una lista de comprobación, no un diagnóstico. Solo un médico o un fisioterapeuta que le examine puede decir qué causa el dolor.</i>""";
}
