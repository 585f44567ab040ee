package org.backtriage.telegram.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.backtriage.chat.Incoming;
import org.backtriage.chat.Press;
import org.backtriage.telegram.testing.Updates;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateReaderTest {

    private static Received read(com.fasterxml.jackson.databind.node.ObjectNode update) {
        return UpdateReader.read(Updates.parse(update));
    }

    @Nested
    class PrivateMessages {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/start                  | start",
            "/START                  | start",
            "/start@backtriage_bot   | start",
            "/Back@BackTriageBot now | back",
            "/help me please         | help",
            "/                       | ''",
        })
        void commandsAreLowerCasedWithoutBotNameOrArguments(String text, String name) {
            assertThat(read(Updates.text(1, 42, text)))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Command(name), Optional.empty()));
        }

        @Test
        void otherTextIsText() {
            assertThat(read(Updates.text(1, 42, "my back hurts /start")))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Text(), Optional.empty()));
        }

        @Test
        void stickerPhotoVoiceDocumentLocationAndContactAreUnsupported() {
            Received unsupported = new Received.ForChat(42, new Incoming.Unsupported(), Optional.empty());
            assertThat(read(Updates.sticker(1, 42))).isEqualTo(unsupported);
            assertThat(read(Updates.photo(2, 42))).isEqualTo(unsupported);
            assertThat(read(Updates.location(3, 42))).isEqualTo(unsupported);
            assertThat(read(Updates.voice(4, 42))).isEqualTo(unsupported);
            assertThat(read(Updates.document(5, 42))).isEqualTo(unsupported);
            assertThat(read(Updates.contact(6, 42))).isEqualTo(unsupported);
        }

        @Test
        void veryLongTextIsJustText() {
            assertThat(read(Updates.text(1, 42, "x".repeat(5_000))))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Text(), Optional.empty()));
        }
    }

    @Nested
    class ButtonPresses {

        @Test
        void pressCarriesDataQueryAndPressedMessage() {
            assertThat(read(Updates.press(1, 42, 77, "q1", "p:where:low_back_one_side")))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Button("p:where:low_back_one_side"),
                            Optional.of(new Press("q1", 77))));
        }

        @Test
        void pressWithoutDataIsEmptyButton() {
            assertThat(read(Updates.press(1, 42, 77, "q1", null)))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Button(""),
                            Optional.of(new Press("q1", 77))));
        }

        @Test
        void dataOfUpTo64BytesIsPassedOnAndLongerDataIsEmptied() {
            String longest = "p:q:" + "\u00e9".repeat(30);
            assertThat(read(Updates.press(1, 42, 77, "q1", longest)))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Button(longest), Optional.of(new Press("q1", 77))));
            assertThat(read(Updates.press(1, 42, 77, "q1", longest + "x")))
                    .isEqualTo(new Received.ForChat(42, new Incoming.Button(""), Optional.of(new Press("q1", 77))));
        }

        @Test
        void pressUnderAMessageOfAnotherChatIsOnlyAnswered() {
            assertThat(read(Updates.pressInAnotherChat(1, 42, 43, 77, "q1", "s"))).isEqualTo(new Received.UnplacedPress("q1", 42));
        }

        @Test
        void pressWithoutMessageIsOnlyAnswered() {
            assertThat(read(Updates.pressWithoutMessage(1, 42, "q1", "s"))).isEqualTo(new Received.UnplacedPress("q1", 42));
        }

        @Test
        void pressInGroupIsOnlyAnswered() {
            assertThat(read(Updates.groupPress(1, -100, 77, "q1", "s"))).isEqualTo(new Received.UnplacedPress("q1", 7));
        }
    }

    @Nested
    class Ignored {

        @ParameterizedTest
        @CsvSource({"group", "supergroup"})
        void commandsInGroupsAreNotPrivate(String type) {
            assertThat(read(Updates.groupText(1, -100123, type, "/start@backtriage_bot")))
                    .isEqualTo(new Received.ForChat(-100123, new Incoming.NotPrivate(), Optional.empty()));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"group | hello", "supergroup | my back /start", "group | /", "channel | /start"})
        void otherMessagesOutsidePrivateChatsAreIgnored(String type, String text) {
            assertThat(read(Updates.groupText(1, -100123, type, text))).isInstanceOf(Received.Ignored.class);
        }

        @Test
        void channelPostsAreIgnored() {
            assertThat(read(Updates.channelPost(1, -100123, "/start"))).isEqualTo(new Received.Ignored("a channel post"));
        }

        @Test
        void editedMessagesAreIgnored() {
            assertThat(read(Updates.editedText(1, 42, "/start"))).isEqualTo(new Received.Ignored("an edited message"));
        }

        @Test
        void emptyUpdateIsIgnored() {
            assertThat(read(Updates.JSON.createObjectNode().put("update_id", 5))).isInstanceOf(Received.Ignored.class);
        }
    }
}
