package org.backtriage.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.backtriage.chat.ChatService;
import org.backtriage.fakebotapi.Answer;
import org.backtriage.fakebotapi.Call;
import org.backtriage.fakebotapi.FakeBotApi;
import org.backtriage.store.sqlite.SqliteSessionStore;
import org.backtriage.telegram.testing.LocalBotApi;
import org.backtriage.telegram.testing.ShippedTriage;
import org.backtriage.telegram.testing.Tunings;
import org.backtriage.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command menu published alone, against the fake Bot API: once for everyone, once per other language. */
class CommandMenuTest {
    @TempDir
    Path dir;
    private final FakeBotApi telegram = new FakeBotApi();
    private final LocalBotApi local = new LocalBotApi(telegram, Tunings.fast());
    private SqliteSessionStore store;
    private ChatService chat;
    private LogCapture logs;

    @BeforeEach
    void setUp() {
        logs = new LogCapture();
        store = ShippedTriage.store(dir);
        chat = ShippedTriage.chatService(store);
    }

    @AfterEach
    void tearDown() {
        store.close();
        local.close();
        telegram.close();
        logs.close();
    }

    private static List<String> commands(Call call) {
        return call.body().path("commands").findValuesAsText("command");
    }

    @Test
    void theDefaultMenuIsForEveryoneAndEachOtherLanguageGetsItsOwn() {
        CommandMenu.publish(local.api, chat);

        List<Call> menus = telegram.calls("setMyCommands");
        assertThat(menus).hasSize(chat.languages().size());
        assertThat(menus.get(0).body().has("language_code")).as("the default menu").isFalse();
        assertThat(commands(menus.get(0))).containsExactlyElementsOf(chat.menu().keySet());
        for (int i = 1; i < menus.size(); i++) {
            String language = chat.languages().get(i);
            assertThat(menus.get(i).body().path("language_code").asText()).isEqualTo(language);
            assertThat(commands(menus.get(i))).containsExactlyElementsOf(chat.menu(language).keySet());
        }
    }

    @Test
    void aRefusedMenuIsLoggedAndTheOtherLanguagesStillGetTheirs() {
        telegram.failNext("setMyCommands", Answer.error(400, "Bad Request: BOT_COMMAND_INVALID"));

        CommandMenu.publish(local.api, chat);

        assertThat(telegram.calls("setMyCommands")).hasSize(chat.languages().size());
        assertThat(logs.lines()).anyMatch(line -> line.equals("backtriage.bot WARN Bot API"
                + " setMyCommands failed: error 400: Bad Request: BOT_COMMAND_INVALID; the bot works without its command menu"));
    }
}
