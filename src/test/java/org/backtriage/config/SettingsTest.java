package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.backtriage.logging.Subsystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SettingsTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("backtriage.properties");
    }

    @Test
    void defaultsWithNothingSet() {
        Settings settings = Settings.load(Map.of(), file());

        assertThat(settings.token()).isEmpty();
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(settings.database()).isEqualTo(new Database.SqliteFile(Path.of("data/backtriage.db")));
        assertThat(settings.tree()).isEmpty();
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.resumeAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.httpPort()).isEmpty();
        assertThat(settings.httpHost()).as("the operator endpoint answers this machine only").isEqualTo("127.0.0.1");
    }

    @Test
    void theOperatorEndpointListensWhereItIsTold() {
        assertThat(Settings.load(Map.of("BACKTRIAGE_HTTP_HOST", "0.0.0.0"), file()).httpHost()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_HTTP_HOST", "http://0.0.0.0/"), file()))
                .hasMessage("BACKTRIAGE_HTTP_HOST must be one address or host name, like 127.0.0.1 or 0.0.0.0,"
                        + " not 'http://0.0.0.0/'");
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws Exception {
        Files.writeString(file(), "TELEGRAM_BOT_TOKEN=" + TOKEN + "\nBACKTRIAGE_DB=/from/file.db\nBACKTRIAGE_RETENTION_DAYS=7\n");

        Settings settings = Settings.load(Map.of("BACKTRIAGE_DB", "/from/env.db", "TELEGRAM_API_URL", "http://127.0.0.1:8081/"), file());

        assertThat(settings.token()).contains(TOKEN);
        assertThat(settings.database()).isEqualTo(new Database.SqliteFile(Path.of("/from/env.db")));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void anUnknownSettingInTheFileIsNamed() throws Exception {
        Files.writeString(file(), "TELEGRAM_TOKEN=x\n");

        assertThatThrownBy(() -> Settings.load(Map.of(), file()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'TELEGRAM_TOKEN'")
                .hasMessageContaining("TELEGRAM_BOT_TOKEN");
    }

    @Test
    void badNumbersAreNamed() {
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_RETENTION_DAYS", "thirty"), file()))
                .hasMessage("BACKTRIAGE_RETENTION_DAYS must be a whole number from 1 to 100000, not 'thirty'");
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_RESUME_AFTER_HOURS", "0"), file()))
                .hasMessage("BACKTRIAGE_RESUME_AFTER_HOURS must be a whole number from 1 to 100000, not '0'");
    }

    @Test
    void theLeasesOfSeveralInstancesLast15SecondsUnlessSetOtherwise() {
        assertThat(Settings.load(Map.of(), file()).leaseTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(Settings.load(Map.of("BACKTRIAGE_LEASE_TTL_SECONDS", "3"), file()).leaseTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_LEASE_TTL_SECONDS", "0"), file()))
                .hasMessage("BACKTRIAGE_LEASE_TTL_SECONDS must be a whole number from 1 to 600, not '0'");
    }

    @Test
    void pacingIsOnUnlessTurnedOffForALocalStandIn() {
        assertThat(Settings.load(Map.of(), file()).paced()).isTrue();
        assertThat(Settings.load(Map.of("BACKTRIAGE_PACING", "off"), file()).paced()).isFalse();
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_PACING", "fast"), file()))
                .hasMessage("BACKTRIAGE_PACING must be telegram or off, not 'fast'");
    }

    @Test
    void aUrlWithAPathIsRefused() {
        assertThatThrownBy(() -> Settings.load(Map.of("TELEGRAM_API_URL", "https://api.telegram.org/bot"), file()))
                .hasMessageContaining("must be only scheme, host and port");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBecauseTheTokenWouldTravelInClearText() {
        for (String url : List.of("http://10.0.0.5:8081", "http://bot-api.internal", "http://192.168.1.20", "http://[fd00::1]:8081")) {
            assertThatThrownBy(() -> Settings.load(Map.of("TELEGRAM_API_URL", url), file()))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("TELEGRAM_API_URL " + url + " is plain http to another host, so the bot token would travel"
                            + " in clear text; use https, or set BACKTRIAGE_ALLOW_PLAIN_HTTP_API=true for a self-hosted"
                            + " Bot API server on a private network");
        }
    }

    @Test
    void plainHttpToThisMachineAndHttpsAnywhereNeedNoOptIn() {
        for (String url : List.of("http://127.0.0.1:8081", "http://127.0.5.1", "http://localhost:8081", "http://[::1]:8081",
                "https://api.telegram.org", "https://10.0.0.5:8443")) {
            Settings settings = Settings.load(Map.of("TELEGRAM_API_URL", url), file());

            assertThat(settings.apiUrl()).as(url).isEqualTo(URI.create(url));
            assertThat(settings.plainHttpApi()).as(url).isFalse();
        }
    }

    @Test
    void theOptInAllowsPlainHttpToAPrivateServerAndIsRemembered() {
        Settings settings = Settings.load(Map.of("TELEGRAM_API_URL", "http://10.0.0.5:8081",
                "BACKTRIAGE_ALLOW_PLAIN_HTTP_API", "true"), file());

        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://10.0.0.5:8081"));
        assertThat(settings.plainHttpApi()).isTrue();
        assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_ALLOW_PLAIN_HTTP_API", "yes"), file()))
                .hasMessage("BACKTRIAGE_ALLOW_PLAIN_HTTP_API must be true or false, not 'yes'");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Settings.load(Map.of("TELEGRAM_BOT_TOKEN", "hunter2"), file()))
                .hasMessageStartingWith("TELEGRAM_BOT_TOKEN does not look like a bot token")
                .hasMessageNotContaining("hunter2");
        assertThat(new Settings(Optional.of(TOKEN), URI.create("https://x"), new Database.SqliteFile(Path.of("d")), Optional.empty(),
                Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(7), java.util.OptionalInt.empty(), "127.0.0.1", true, false,
                Settings.Mode.POLLING, WebhookSettings.from(Map.of()), Duration.ofSeconds(15), Optional.empty()).requireToken())
                .isEqualTo(TOKEN);
    }

    @Nested
    class BodyMap {
        @Test
        void offByDefault() {
            assertThat(Settings.load(Map.of(), file()).publicUrl()).isEmpty();
        }

        @Test
        void anHttpsOriginTurnsItOnWithoutItsTrailingSlash() {
            Settings settings = Settings.load(Map.of("BACKTRIAGE_PUBLIC_URL", "https://bot.example.org:8443/",
                    "BACKTRIAGE_HTTP_PORT", "8080"), file());

            assertThat(settings.publicUrl()).contains("https://bot.example.org:8443");
        }

        @Test
        void anythingButAnHttpsOriginIsRefusedInOneLine() {
            for (String url : java.util.List.of("http://bot.example.org", "https://bot.example.org/app", "https://bot.example.org?x=1",
                    "bot.example.org", "https://user@bot.example.org")) {
                assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_PUBLIC_URL", url, "BACKTRIAGE_HTTP_PORT", "8080"), file()))
                        .as(url).isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("BACKTRIAGE_PUBLIC_URL must be an https origin");
            }
        }

        @Test
        void withoutTheOperatorPortItIsRefused() {
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_PUBLIC_URL", "https://bot.example.org"), file()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("BACKTRIAGE_PUBLIC_URL is set, but BACKTRIAGE_HTTP_PORT is not: the body map is served by the"
                            + " operator endpoint, so set both (and forward https://bot.example.org/bodymap/ to it)");
        }
    }

    @Nested
    class Webhook {
        @Test
        void pollingByDefaultAndTheWebhookDefaultsAsDocumented() {
            Settings settings = Settings.load(Map.of(), file());

            assertThat(settings.mode()).isEqualTo(Settings.Mode.POLLING);
            assertThat(settings.webhook().path()).isEqualTo("/telegram");
            assertThat(settings.webhook().port()).isEqualTo(8443);
            assertThat(settings.webhook().host()).as("this machine only").isEqualTo("127.0.0.1");
            assertThat(settings.webhook().secret()).isEmpty();
            assertThat(settings.webhook().maxConnections()).isEqualTo(40);
        }

        @Test
        void webhookModeWithItsSettings() {
            Settings settings = Settings.load(Map.of("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_WEBHOOK_PATH", "/hooks/bt-1",
                    "BACKTRIAGE_WEBHOOK_PORT", "9000", "BACKTRIAGE_WEBHOOK_HOST", "0.0.0.0",
                    "BACKTRIAGE_WEBHOOK_SECRET", "Abc_123-xyz", "BACKTRIAGE_WEBHOOK_MAX_CONNECTIONS", "100"), file());

            assertThat(settings.mode()).isEqualTo(Settings.Mode.WEBHOOK);
            assertThat(settings.webhook()).isEqualTo(new WebhookSettings("/hooks/bt-1", "0.0.0.0", 9000,
                    Optional.of("Abc_123-xyz"), 100));
            assertThat(settings.webhook().requireSecret()).isEqualTo("Abc_123-xyz");
        }

        @Test
        void theSecretNeverShowsInTheSettingsText() {
            Settings settings = Settings.load(Map.of("BACKTRIAGE_WEBHOOK_SECRET", "Abc_123-xyz"), file());

            assertThat(settings.toString()).doesNotContain("Abc_123-xyz").contains("secret=(set)");
        }

        @Test
        void badWebhookSettingsAreRefusedNamingTheSetting() {
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_WEBHOOK_PATH", "telegram"), file()))
                    .hasMessageStartingWith("BACKTRIAGE_WEBHOOK_PATH must be a URL path starting with /");
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_WEBHOOK_PORT", "70000"), file()))
                    .hasMessage("BACKTRIAGE_WEBHOOK_PORT must be a whole number from 1 to 65535, not '70000'");
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_WEBHOOK_MAX_CONNECTIONS", "101"), file()))
                    .hasMessage("BACKTRIAGE_WEBHOOK_MAX_CONNECTIONS must be a whole number from 1 to 100 (Telegram's range),"
                            + " not '101'");
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_WEBHOOK_HOST", "http://x/"), file()))
                    .hasMessageStartingWith("BACKTRIAGE_WEBHOOK_HOST must be one address or host name");
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_WEBHOOK_SECRET", "sp ace"), file()))
                    .hasMessageStartingWith("BACKTRIAGE_WEBHOOK_SECRET must be 1 to 256 characters")
                    .hasMessageNotContaining("sp ace");
        }

        @Test
        void theWebhookAndTheOperatorEndpointNeedPortsOfTheirOwn() {
            assertThatThrownBy(() -> Settings.load(Map.of("BACKTRIAGE_MODE", "webhook", "BACKTRIAGE_HTTP_PORT", "8443"), file()))
                    .hasMessage("BACKTRIAGE_HTTP_PORT and BACKTRIAGE_WEBHOOK_PORT must differ: both are 8443 (the operator"
                            + " endpoint and the webhook are served apart)");
            assertThat(Settings.load(Map.of("BACKTRIAGE_HTTP_PORT", "8443"), file()).httpPort()).as("polling: no webhook port")
                    .hasValue(8443);
        }

        @Test
        void theWebhookSettingsMayBeInTheFile() throws Exception {
            Files.writeString(file(), "BACKTRIAGE_MODE=webhook\nBACKTRIAGE_WEBHOOK_SECRET=from_the_file\n");

            Settings settings = Settings.load(Map.of(), file());

            assertThat(settings.mode()).isEqualTo(Settings.Mode.WEBHOOK);
            assertThat(settings.webhook().secret()).contains("from_the_file");
        }
    }

    @Nested
    class CheckIn {
        final ListAppender<ILoggingEvent> logged = new ListAppender<>();

        /** Settings from {@code env} and the file, with what Settings logged meanwhile in {@link #logged}. */
        Settings load(Map<String, String> env) {
            Logger logger = (Logger) LoggerFactory.getLogger(Subsystem.CONFIG.loggerName());
            logged.start();
            logger.addAppender(logged);
            try {
                return Settings.load(env, file());
            } finally {
                logger.detachAppender(logged);
            }
        }

        List<String> warnings() {
            return logged.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
        }

        @Test
        void comesAWeekLaterUnlessSetOtherwise() {
            assertThat(load(Map.of()).checkInAfter()).isEqualTo(Duration.ofDays(7));
            assertThat(load(Map.of("BACKTRIAGE_CHECK_IN_SECONDS", "3600")).checkInAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(warnings()).isEmpty();
        }

        @Test
        void theOldNameStillWorksWithOneWarning() {
            assertThat(load(Map.of("BACKTRIAGE_FOLLOW_UP_SECONDS", "3600")).checkInAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(warnings()).containsExactly(
                    "WARN BACKTRIAGE_FOLLOW_UP_SECONDS is deprecated: use BACKTRIAGE_CHECK_IN_SECONDS, the same setting");
        }

        @Test
        void theOldNameInTheFileStillWorksToo() throws Exception {
            Files.writeString(file(), "BACKTRIAGE_FOLLOW_UP_SECONDS=60\n");

            assertThat(load(Map.of()).checkInAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(warnings()).hasSize(1);
        }

        @Test
        void theNewNameWinsWhenBothAreSet() {
            assertThat(load(Map.of("BACKTRIAGE_FOLLOW_UP_SECONDS", "3600", "BACKTRIAGE_CHECK_IN_SECONDS", "60")).checkInAfter())
                    .isEqualTo(Duration.ofMinutes(1));
            assertThat(warnings()).containsExactly("WARN BACKTRIAGE_FOLLOW_UP_SECONDS is deprecated: use"
                    + " BACKTRIAGE_CHECK_IN_SECONDS, the same setting; both are set, so BACKTRIAGE_FOLLOW_UP_SECONDS is ignored");
        }

        @Test
        void aBadValueIsNamedByTheNameItWasGiven() {
            assertThatThrownBy(() -> load(Map.of("BACKTRIAGE_CHECK_IN_SECONDS", "soon")))
                    .hasMessage("BACKTRIAGE_CHECK_IN_SECONDS must be a whole number from 1 to 100000000, not 'soon'");
            assertThatThrownBy(() -> load(Map.of("BACKTRIAGE_FOLLOW_UP_SECONDS", "0")))
                    .hasMessage("BACKTRIAGE_FOLLOW_UP_SECONDS must be a whole number from 1 to 100000000, not '0'");
        }
    }

    /** Issue 18, point 6: a settings object printed (a log line, a debugger, an exception) never shows a credential. */
    @Nested
    class StringForms {
        static final String SECRET = "Webhook_secret-0123456789";
        static final String PASSWORD = "pg-password-0123456789";
        static final String URL_PASSWORD = "url-password-0123456789";

        @Test
        void noSettingsObjectShowsATokenASecretOrAPassword() {
            Settings apart = Settings.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "BACKTRIAGE_MODE", "webhook",
                    "BACKTRIAGE_WEBHOOK_SECRET", SECRET, "BACKTRIAGE_DB", "jdbc:postgresql://db.internal:5432/bt?user=bot",
                    "BACKTRIAGE_DB_PASSWORD", PASSWORD), file());
            Settings inTheUrl = Settings.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                    "BACKTRIAGE_DB", "jdbc:postgresql://db.internal:5432/bt?user=bot&password=" + URL_PASSWORD), file());

            List<Object> shown = List.of(apart, apart.webhook(), apart.database(), inTheUrl, inTheUrl.webhook(),
                    inTheUrl.database(), Settings.load(Map.of(), file()));
            for (Object settings : shown) {
                assertThat(settings.toString()).as(settings.getClass().getSimpleName())
                        .doesNotContain(TOKEN).doesNotContain(TOKEN.substring(TOKEN.indexOf(':') + 1))
                        .doesNotContain(SECRET).doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD);
            }
        }

        @Test
        void theSettingsTextSaysWhichCredentialsAreSetAndShowsTheRest() {
            Settings settings = Settings.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "BACKTRIAGE_HTTP_PORT", "8080"), file());

            assertThat(settings.toString()).startsWith("Settings[token=(set), apiUrl=https://api.telegram.org,"
                    + " database=data/backtriage.db,").contains("httpPort=OptionalInt[8080]", "secret=(not set)");
            assertThat(Settings.load(Map.of(), file()).toString()).startsWith("Settings[token=(not set),");
        }
    }
}
