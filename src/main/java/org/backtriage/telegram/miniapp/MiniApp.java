package org.backtriage.telegram.miniapp;

import java.time.Clock;
import java.util.List;
import org.backtriage.chat.ChatService;
import org.backtriage.http.Rejections;
import org.backtriage.telegram.sending.SendQueue;
import org.eclipse.jetty.server.Handler;

/**
 * The body map's Mini App, for the operator's HTTP server to serve beside its own paths: the
 * page's files ({@link BodyMapPage}, {@code GET /bodymap/...}) and the places a person marked on
 * it ({@link BodyMapAnswers}, {@code POST /bodymap/answer}), which answer the map's question as a
 * button press would and whose replies the bot sends.
 */
public final class MiniApp {
    private final BodyMapPage page;
    private final BodyMapAnswers answers;

    /**
     * For the bot with {@code token} (used only to check what Telegram signed with it, never kept
     * or shown): the places marked answer {@code chat}'s question, checked by {@code clock}'s time;
     * the replies that makes are handed to {@code sender}, as an update's are; {@code rejections}
     * counts the refused posts (the webhook's tally, when there is a webhook). Reads the page's
     * files from the class path.
     */
    public MiniApp(String token, ChatService chat, Clock clock, SendQueue sender, Rejections rejections) {
        this.page = new BodyMapPage();
        this.answers = new BodyMapAnswers(token, chat, clock, sender, rejections);
    }

    /** The page, then the answers: each takes its own paths and leaves the others to the next handler. */
    public List<Handler> handlers() {
        return List.of(page, answers);
    }
}
