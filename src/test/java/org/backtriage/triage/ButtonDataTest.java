package org.backtriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ButtonDataTest {

    @Nested
    class RoundTrip {

        static Stream<Input> everyKindOfInput() {
            return Stream.of(new Input.Begin(), new Input.Restart(), new Input.Back(),
                    new Input.Pick("activities", "none"), new Input.Done("activities"));
        }

        @ParameterizedTest
        @MethodSource("everyKindOfInput")
        void everyInputDecodesToItself(Input input) {
            assertThat(ButtonData.decode(ButtonData.encode(input))).contains(input);
        }

        @Test
        void everyButtonOfTheShippedTreeDecodesToItselfWithinTelegramsLimit() {
            Tree tree = ShippedContent.tree();
            for (Question question : tree.questions()) {
                List<Input> buttons = new java.util.ArrayList<>(List.of(new Input.Done(question.id())));
                question.options().forEach(o -> buttons.add(new Input.Pick(question.id(), o.id())));
                for (Input button : buttons) {
                    String data = ButtonData.encode(button);
                    assertThat(ButtonData.decode(data)).as(data).contains(button);
                    assertThat(data.getBytes(StandardCharsets.UTF_8).length).as(data).isBetween(1, ButtonData.MAX_BYTES);
                }
            }
        }
    }

    @Nested
    class Encoding {

        // Buttons stay in the chat history; a changed format would turn old buttons into garbage.
        @Test
        void encodingIsStableSoButtonsOnOlderMessagesStillDecode() {
            assertThat(ButtonData.encode(new Input.Pick("where", "below_knee"))).isEqualTo("p:where:below_knee");
            assertThat(ButtonData.encode(new Input.Done("activities"))).isEqualTo("d:activities");
            assertThat(ButtonData.encode(new Input.Back())).isEqualTo("b");
            assertThat(ButtonData.encode(new Input.Begin())).isEqualTo("s");
            assertThat(ButtonData.encode(new Input.Restart())).isEqualTo("r");
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
                ":", "::", "P:a:b", " b", "b ", "f:yes"})
        void garbageDecodesToNothing(String data) {
            assertThat(ButtonData.decode(data)).isEmpty();
        }

        @Test
        void hundredRandomCharactersDecodeToNothing() {
            String alphabet = "pdbsr:abcxyz_019 ";
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
