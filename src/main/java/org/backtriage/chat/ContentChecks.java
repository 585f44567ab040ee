package org.backtriage.chat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backtriage.triage.Input;
import org.backtriage.triage.Messages;
import org.backtriage.triage.Outcome;
import org.backtriage.triage.Question;
import org.backtriage.triage.TelegramHtml;
import org.backtriage.triage.Tree;
import org.backtriage.triage.TreeFault;
import org.backtriage.triage.TreeValidator;

/**
 * What Telegram would refuse in the messages and buttons the chat layer builds from a tree, in
 * one language, found at start-up before anyone is sent one: a final message that some answers
 * make longer than 4,096 characters, a notice over 200, button data over 64 bytes, a date
 * pattern that is not one. Run only on a tree that passed {@link TreeValidator} with every
 * {@link ChatService#TEXT_KEYS} present.
 */
final class ContentChecks {
    /** Every message key the chat layer uses besides those named by the tree; checked at start-up. */
    public static final List<String> TEXT_KEYS = List.of(
            "welcome", "button.begin", "button.back", "button.done", "toggle.on", "toggle.off", "progress",
            "answered", "date.format", "reprompt", "notice.stale", "notice.nothing_selected", "notice.no_back",
            "notice.not_started", "resume", "finished.already", "after.commands", "unknown_command",
            "help", "forget.confirm", "forget.yes", "forget.no", "forget.done", "forget.kept", "tree_changed",
            "outcome.made_on", "outcome.answers_heading", "outcome.answer_line", "outcome.report_line",
            "outcome.reason_line", "outcome.footer", "outcome.footer_you",
            "command.start", "command.restart", "command.back", "command.help", "command.forget",
            "welcome_back", "button.continue", "button.restart", "private_only", "button.why",
            "command.language", "language.name", "language.choose", "language.set",
            "console.intro", "console.reprompt", "console.notice", "console.bye",
            "button.share", "button.agreed", "agreed.notice", "outcome.agreed_on",
            "button.check_in", "button.check_in_tomorrow", "check_in.set", "check_in.already", "check_in.ask",
            "check_in.better", "check_in.same", "check_in.worse",
            "check_in.visit_urgent", "check_in.visit_soon", "check_in.visit_routine", "check_in.visit.seen",
            "check_in.visit.not_yet", "check_in.visit.agreed", "check_in.visit.advised", "check_in.visit.helped",
            "check_in.visit.not_helped", "check_in.signs", "check_in.better_end", "check_in.massage_helped",
            "check_in.clinician_end", "check_in.not_seen_urgent", "check_in.not_seen_urgent_worse", "check_in.seen_urgent",
            "check_in.seen_urgent_worse", "check_in.not_seen_soon", "check_in.not_seen_soon_worse", "check_in.advised",
            "check_in.agreed", "check_in.agreed_worse", "check_in.safety",
            "share.title", "share.description", "share.none", "share.not_agreed",
            "button.body_map", "map.marked");

    /** The texts shown as the answer to a button press, which Telegram cuts at 200 characters. */
    static final List<String> NOTICE_KEYS = List.of("notice.stale", "notice.nothing_selected", "notice.no_back",
            "notice.not_started", "check_in.already", "check_in.set", "agreed.notice");

    private ContentChecks() {
    }

    static List<TreeFault> faults(Tree tree, Messages messages) {
        List<TreeFault> faults = new ArrayList<>();
        String where = "messages_" + messages.language();
        String longestDate;
        try {
            longestDate = longestDate(messages);
        } catch (IllegalArgumentException | DateTimeException e) {
            faults.add(new TreeFault(where, "text 'date.format' is not a date pattern: " + e.getMessage()));
            return faults;
        }
        Report report = new Report(tree, messages);
        for (Outcome outcome : tree.outcomes()) {
            int longest = report.longestPossible(outcome);
            if (longest > TelegramHtml.MAX_MESSAGE_CHARS) {
                faults.add(new TreeFault("node '" + outcome.id() + "'", "its final message in messages_" + messages.language()
                        + " can be " + longest + " characters for some answers; Telegram sends at most "
                        + TelegramHtml.MAX_MESSAGE_CHARS));
            }
        }
        for (String key : NOTICE_KEYS) {
            int length = messages.format(key, Map.of("date", longestDate)).length();
            if (length > TreeValidator.WHY_MAX_CHARS) {
                faults.add(new TreeFault(where, "notice '" + key + "' is " + length + " characters; a button answer holds "
                        + TreeValidator.WHY_MAX_CHARS));
            }
        }
        return faults;
    }

    /**
     * Button data over Telegram's 64 bytes, in any language (data is not translated): every
     * option's button and Done, and the check-in's buttons for the questions it asks again.
     */
    static List<TreeFault> buttonFaults(Tree tree) {
        List<TreeFault> faults = new ArrayList<>();
        for (Question question : tree.questions()) {
            String where = "node '" + question.id() + "'";
            question.options().forEach(option -> {
                int bytes = ButtonData.bytes(new ButtonData.Answer(new Input.Pick(question.id(), option.id())));
                if (bytes > ButtonData.MAX_BYTES) {
                    faults.add(new TreeFault(where, "option '" + option.id() + "': button data is " + bytes
                            + " bytes, over Telegram's " + ButtonData.MAX_BYTES));
                }
            });
            if (tree.recheck().contains(question.id())) {
                question.options().forEach(option -> {
                    int bytes = ButtonData.bytes(new ButtonData.CheckInAnswer(new Input.Pick(question.id(), option.id())));
                    if (bytes > ButtonData.MAX_BYTES) {
                        faults.add(new TreeFault(where, "option '" + option.id() + "': its check-in button data is "
                                + bytes + " bytes, over Telegram's " + ButtonData.MAX_BYTES));
                    }
                });
                int done = ButtonData.bytes(new ButtonData.CheckInAnswer(new Input.Done(question.id())));
                if (done > ButtonData.MAX_BYTES) {
                    faults.add(new TreeFault(where, "its check-in Done button data is " + done + " bytes, over Telegram's "
                            + ButtonData.MAX_BYTES));
                }
            }
        }
        return faults;
    }

    private static String longestDate(Messages messages) {
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(messages.text("date.format"), Locale.forLanguageTag(messages.language()));
        String longest = "";
        for (int month = 1; month <= 12; month++) {
            String date = dates.format(LocalDate.of(2000, month, 28));
            longest = date.length() > longest.length() ? date : longest;
        }
        return longest;
    }
}
