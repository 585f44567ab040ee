package org.backtriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backtriage.config.Content;
import org.backtriage.triage.Input;
import org.backtriage.triage.Question;
import org.backtriage.triage.Tree;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every button's data in one namespace: written and read back, no two kinds alike, stable over versions. */
class ButtonDataTest {

    /** One press of every kind, with fields chosen to look like other kinds' tags ("s", "on", "seen", "yes"). */
    static Stream<ButtonData.Press> everyKindOfPress() {
        return Stream.of(
                new ButtonData.Answer(new Input.Begin()), new ButtonData.Answer(new Input.Restart()),
                new ButtonData.Answer(new Input.Back()), new ButtonData.Answer(new Input.Pick("activities", "none")),
                new ButtonData.Answer(new Input.Pick("s", "on")), new ButtonData.Answer(new Input.Done("activities")),
                new ButtonData.Why("where"), new ButtonData.Why("s"), new ButtonData.Continue(),
                ButtonData.Forget.YES, ButtonData.Forget.NO, new ButtonData.Language("es"),
                new ButtonData.CheckInOffer(), new ButtonData.CheckInFeeling("better"), new ButtonData.CheckInFeeling("same"),
                new ButtonData.CheckInFeeling("worse"), new ButtonData.CheckInVisit("seen"), new ButtonData.CheckInVisit("not_yet"),
                new ButtonData.CheckInVisit("agreed"), new ButtonData.Agreed(),
                new ButtonData.CheckInAnswer(new Input.Pick("emergency", "none")),
                new ButtonData.CheckInAnswer(new Input.Pick("seen", "yes")), new ButtonData.CheckInAnswer(new Input.Pick("on", "s")),
                new ButtonData.CheckInAnswer(new Input.Done("lasting_which")), new ButtonData.CheckInAnswer(new Input.Done("v")),
                new ButtonData.CheckInAnswer(new Input.Back()));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @MethodSource("org.backtriage.chat.ButtonDataTest#everyKindOfPress")
        void everyPressDecodesToItself(ButtonData.Press press) {
            assertThat(ButtonData.decode(ButtonData.encode(press))).contains(press);
        }

        @Test
        void noTwoKindsOfPressAreWrittenAlike() {
            Map<String, List<ButtonData.Press>> byData = everyKindOfPress()
                    .collect(Collectors.groupingBy(ButtonData::encode));

            assertThat(byData.values()).allSatisfy(presses -> assertThat(presses).hasSize(1));
            // Each kind has its own tag, so no kind's data can ever be read as another's.
            Map<Class<?>, Set<String>> tags = everyKindOfPress().collect(Collectors.groupingBy(Object::getClass,
                    Collectors.mapping(p -> tagOf(p), Collectors.toSet())));
            List<String> all = tags.values().stream().flatMap(Set::stream).toList();
            assertThat(all).doesNotHaveDuplicates();
        }

        @Test
        void theSamplesCoverEveryKindOfPress() {
            Set<Class<?>> sampled = everyKindOfPress().map(Object::getClass).collect(Collectors.toSet());

            assertThat(sampled).containsExactlyInAnyOrder(ButtonData.Press.class.getPermittedSubclasses());
        }

        @Test
        void everyButtonOfTheShippedTreeDecodesToItselfWithinTelegramsLimit() {
            Tree tree = Content.packaged(ChatService.CONTENT_RULES).tree();
            List<ButtonData.Press> buttons = new ArrayList<>();
            for (Question question : tree.questions()) {
                buttons.add(new ButtonData.Answer(new Input.Done(question.id())));
                buttons.add(new ButtonData.Why(question.id()));
                question.options().forEach(o -> buttons.add(new ButtonData.Answer(new Input.Pick(question.id(), o.id()))));
                question.options().forEach(o -> buttons.add(new ButtonData.CheckInAnswer(new Input.Pick(question.id(), o.id()))));
                buttons.add(new ButtonData.CheckInAnswer(new Input.Done(question.id())));
            }
            for (ButtonData.Press button : buttons) {
                String data = ButtonData.encode(button);
                assertThat(ButtonData.decode(data)).as(data).contains(button);
                assertThat(data.getBytes(StandardCharsets.UTF_8).length).as(data).isBetween(1, ButtonData.MAX_BYTES);
            }
        }

        /** The kind a press's data names, with the check-in's second part: "p", "fu:on", "fu:s", ... */
        private static String tagOf(ButtonData.Press press) {
            String[] parts = ButtonData.encode(press).split(":");
            if (!parts[0].equals("fu")) {
                return parts[0] + (press instanceof ButtonData.Answer a ? a.input().getClass().getSimpleName() : "");
            }
            if (press instanceof ButtonData.CheckInAnswer a) {
                return "fu:" + parts[1] + a.input().getClass().getSimpleName();
            }
            return press instanceof ButtonData.CheckInFeeling ? "fu:feeling" : "fu:" + parts[1];
        }
    }

    @Nested
    class Encoding {

        // Buttons stay in the chat history; a changed format would turn old buttons into garbage.
        @Test
        void encodingIsStableSoButtonsOnOlderMessagesStillDecode() {
            assertThat(ButtonData.encode(new ButtonData.Answer(new Input.Pick("where", "below_knee")))).isEqualTo("p:where:below_knee");
            assertThat(ButtonData.encode(new ButtonData.Answer(new Input.Done("activities")))).isEqualTo("d:activities");
            assertThat(ButtonData.encode(new ButtonData.Answer(new Input.Back()))).isEqualTo("b");
            assertThat(ButtonData.encode(new ButtonData.Answer(new Input.Begin()))).isEqualTo("s");
            assertThat(ButtonData.encode(new ButtonData.Answer(new Input.Restart()))).isEqualTo("r");
            assertThat(ButtonData.encode(new ButtonData.Why("where"))).isEqualTo("w:where");
            assertThat(ButtonData.encode(new ButtonData.Continue())).isEqualTo("c");
            assertThat(ButtonData.encode(ButtonData.Forget.YES)).isEqualTo("f:yes");
            assertThat(ButtonData.encode(ButtonData.Forget.NO)).isEqualTo("f:no");
            assertThat(ButtonData.encode(new ButtonData.Language("es"))).isEqualTo("l:es");
            assertThat(ButtonData.encode(new ButtonData.CheckInOffer())).isEqualTo("fu:on");
            assertThat(ButtonData.encode(new ButtonData.CheckInFeeling("worse"))).isEqualTo("fu:worse");
            assertThat(ButtonData.encode(new ButtonData.CheckInVisit("not_yet"))).isEqualTo("fu:v:not_yet");
            assertThat(ButtonData.encode(new ButtonData.CheckInAnswer(new Input.Pick("emergency", "none"))))
                    .isEqualTo("fu:s:emergency:none");
            assertThat(ButtonData.encode(new ButtonData.CheckInAnswer(new Input.Done("lasting_which")))).isEqualTo("fu:d:lasting_which");
            assertThat(ButtonData.encode(new ButtonData.CheckInAnswer(new Input.Back()))).isEqualTo("fu:b");
            assertThat(ButtonData.encode(new ButtonData.Agreed())).isEqualTo("ag");
        }

        // The first check-ins asked "have you seen a clinician?" with these; a tap on one in an old chat still counts.
        @Test
        void theFirstCheckInsButtonsStillReadAsWhatTheyMeant() {
            assertThat(ButtonData.decode("fu:seen:yes")).contains(new ButtonData.CheckInVisit("seen"));
            assertThat(ButtonData.decode("fu:seen:no")).contains(new ButtonData.CheckInVisit("not_yet"));
            assertThat(ButtonData.decode("fu:s:emergency:none")).contains(new ButtonData.CheckInAnswer(new Input.Pick("emergency", "none")));
        }

        @Test
        void telegramsLimitIs64Bytes() {
            assertThat(ButtonData.MAX_BYTES).isEqualTo(64);
        }
    }

    @Nested
    class Garbage {

        @ParameterizedTest
        @ValueSource(strings = {"", "x", "p:", "p:a", "p:a:b:c", "p::b", "p:a:", "d:", "d:a:b", "b:x", "s:x", "r:1",
                ":", "::", "P:a:b", " b", "b ", "f:maybe", "f:", "c:1", "w:", "w:a:b", "l:", "fu:", "fu:off", "fu:seen",
                "fu:seen:maybe", "fu:s:a", "fu:s:a:", "fu:s::b", "fu:better:1", "em:none", "fu:v:maybe", "fu:v:", "fu:d", "fu:b:x",
                "ag:1", "ag:"})
        void garbageDecodesToNothing(String data) {
            assertThat(ButtonData.decode(data)).isEmpty();
        }

        @Test
        void hundredRandomCharactersDecodeToNothing() {
            String alphabet = "pdbsrwcflu:abcxyz_019 ";
            for (long seed = 1; seed <= 50; seed++) {
                Random random = new Random(seed);
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    data.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertThat(ButtonData.decode(data.toString())).as(data.toString()).isEmpty();
            }
        }
    }
}
