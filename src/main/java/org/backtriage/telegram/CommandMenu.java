package org.backtriage.telegram;

import java.util.Optional;
import org.backtriage.chat.ChatService;
import org.backtriage.logging.Subsystem;
import org.backtriage.telegram.client.BotApi;
import org.backtriage.telegram.client.TelegramAnswer;
import org.slf4j.Logger;

/** The command menu Telegram shows next to the text field, published in each language; the bot works without it. */
final class CommandMenu {
    private static final Logger log = Subsystem.BOT.logger();

    private CommandMenu() {
    }

    /** Publishes the menu, then the same menu in each other language; a failure is logged, not fatal. */
    static void publish(BotApi api, ChatService chat) {
        TelegramAnswer menu = api.setCommands(chat.menu());
        if (!menu.done()) {
            log.warn("Bot API setMyCommands failed: {}; the bot works without its command menu", menu.describe());
        }
        // For people whose app is set to that language.
        chat.languages().stream().skip(1).forEach(language -> {
            TelegramAnswer translated = api.setCommands(chat.menu(language), Optional.of(language));
            if (!translated.done()) {
                log.warn("Bot API setMyCommands ({}) failed: {}", language, translated.describe());
            }
        });
    }
}
