package org.backtriage.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backtriage.chat.Button;
import org.backtriage.chat.Keyboard;
import org.backtriage.chat.Reply;
import org.backtriage.store.StoreException;
import org.junit.jupiter.api.Test;

class ReplyCodecTest {
    private static final Keyboard KEYBOARD = new Keyboard(List.of(
            List.of(new Button("Yes", "p:q:yes"), new Button("No", "p:q:no")),
            List.of(Button.share("Share", "result text"))));

    @Test
    void everyKindOfReplyComesBackAsItWasWritten() {
        List<Reply> replies = List.of(new Reply.Send("<b>next?</b>", KEYBOARD), new Reply.Send("hello", Keyboard.NONE),
                new Reply.EditPressed("answered", Keyboard.NONE, true), new Reply.EditPressed("ticks", KEYBOARD, false),
                new Reply.Notice("stale"), new Reply.Notice("too long for a toast", true));

        assertThat(replies).allSatisfy(reply -> assertThat(ReplyCodec.decode(ReplyCodec.encode(reply))).isEqualTo(reply));
    }

    @Test
    void theColumnsSayTheKindAndHoldTheKeyboardAsRowsOfButtons() {
        assertThat(ReplyCodec.encode(new Reply.Send("next?", KEYBOARD))).isEqualTo(new ReplyCodec.Columns("send", "next?",
                "[[[\"Yes\",\"p:q:yes\"],[\"No\",\"p:q:no\"]],[[\"Share\",\"result text\",\"SHARE\"]]]", false));
        assertThat(ReplyCodec.encode(new Reply.EditPressed("answered", Keyboard.NONE, true)))
                .isEqualTo(new ReplyCodec.Columns("edit", "answered", "[]", true));
        assertThat(ReplyCodec.encode(new Reply.Notice("gone", true))).isEqualTo(new ReplyCodec.Columns("alert", "gone", "[]", false));
        assertThat(ReplyCodec.encode(new Reply.Notice("stale"))).isEqualTo(new ReplyCodec.Columns("notice", "stale", "[]", false));
    }

    @Test
    void aButtonThatOpensTheBodyMapKeepsItsAddress() {
        Keyboard map = new Keyboard(List.of(List.of(Button.webApp("Map", "https://bot.example.org/bodymap/?lang=en"))));

        assertThat(ReplyCodec.encode(new Reply.Send("where?", map)).keyboard())
                .isEqualTo("[[[\"Map\",\"https://bot.example.org/bodymap/?lang=en\",\"WEB_APP\"]]]");
        assertThat(ReplyCodec.decode(ReplyCodec.encode(new Reply.Send("where?", map)))).isEqualTo(new Reply.Send("where?", map));
    }

    @Test
    void anUnreadableKeyboardIsReportedAsTheOutboxRowsFault() {
        assertThatThrownBy(() -> ReplyCodec.decode(new ReplyCodec.Columns("notice", "stale", "not json", false)))
                .isInstanceOf(StoreException.class)
                .hasMessage("an outbox row holds an unreadable keyboard");
    }
}
