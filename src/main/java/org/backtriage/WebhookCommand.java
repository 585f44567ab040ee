package org.backtriage;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.backtriage.config.Settings;
import org.backtriage.telegram.client.WebhookAdmin;
import org.backtriage.telegram.client.BotApiException;

/**
 * {@code webhook set <https URL>}, {@code webhook info} and {@code webhook delete}: the Bot API's
 * webhook methods, for the operator. Answers with the exit code: 0 done, {@link ExitCode#CONFIG_ERROR}
 * for a usage or configuration error, {@link #REFUSED} when Telegram refused or could not be reached.
 */
final class WebhookCommand {
    /** Exit code when the Bot API refused the call, or did not answer. */
    static final int REFUSED = 1;
    static final List<String> USAGE = List.of("set <public https URL>", "info", "delete");

    private WebhookCommand() {
    }

    /** Whether {@code args} are a webhook command (the word and its arguments, rightly or wrongly given). */
    static boolean named(String[] args) {
        return args.length > 0 && args[0].equals("webhook");
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        String what = args.length > 1 ? args[1] : "";
        boolean set = what.equals("set") && args.length == 3;
        if (!set && !((what.equals("info") || what.equals("delete")) && args.length == 2)) {
            err.println("backtriage: webhook needs one of: " + String.join(", ", USAGE.stream().map(u -> "webhook " + u).toList()));
            return ExitCode.CONFIG_ERROR;
        }
        String token = settings.requireToken();
        try (WebhookAdmin admin = new WebhookAdmin(token, settings.apiUrl())) {
            if (set) {
                URI url = httpsUrl(args[2]);
                out.println(admin.set(url, settings.webhook().requireSecret(), settings.webhook().maxConnections()));
            } else if (what.equals("info")) {
                admin.info().lines().forEach(out::println);
            } else {
                out.println(admin.delete());
            }
            return 0;
        } catch (BotApiException e) {
            err.println("backtriage: " + e.getMessage());
            return REFUSED;
        }
    }

    /** The public address Telegram is to post to: https only, since Telegram posts nowhere else. */
    private static URI httpsUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new org.backtriage.config.ConfigException("webhook set: not a URL: '" + text + "'");
        }
        if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).equals("https") || url.getHost() == null) {
            throw new org.backtriage.config.ConfigException("webhook set needs a public https URL (Telegram posts"
                    + " updates only over https, e.g. https://bot.example.org/telegram), not '" + text + "'");
        }
        return url;
    }
}
