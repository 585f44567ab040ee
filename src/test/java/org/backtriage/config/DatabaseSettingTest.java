package org.backtriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BACKTRIAGE_DB and BACKTRIAGE_DB_PASSWORD: which store, where, and a password that is never shown. */
class DatabaseSettingTest {
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final String URL = "jdbc:postgresql://db.internal:5432/backtriage?user=bot&sslmode=require";

    @TempDir
    Path dir;

    Settings load(Map<String, String> env) {
        return Settings.load(env, dir.resolve("backtriage.properties"));
    }

    @Test
    void anythingButAPostgresqlUrlIsTheSqliteFileAsBefore() {
        assertThat(load(Map.of()).database()).isEqualTo(new Database.SqliteFile(Path.of("data/backtriage.db")));
        assertThat(load(Map.of("BACKTRIAGE_DB", "/var/lib/bt/postgresql.db")).database())
                .isEqualTo(new Database.SqliteFile(Path.of("/var/lib/bt/postgresql.db")));
    }

    @Test
    void aPostgresqlUrlChoosesPostgresqlWithThePasswordGivenApart() {
        Settings settings = load(Map.of("BACKTRIAGE_DB", URL, "BACKTRIAGE_DB_PASSWORD", "s3cret-pw"));

        assertThat(settings.database()).isEqualTo(new Database.Postgres(URL, Optional.of("s3cret-pw")));
        assertThat(settings.database()).hasToString("jdbc:postgresql://db.internal:5432/backtriage");
        assertThat(settings.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void aPasswordInTheUrlIsNeverShown() {
        Settings settings = load(Map.of("BACKTRIAGE_DB", URL + "&password=in-the-url"));

        assertThat(settings.database()).isEqualTo(new Database.Postgres(URL + "&password=in-the-url", Optional.empty()));
        assertThat(settings.database().toString()).doesNotContain("in-the-url");
        assertThat(settings.toString()).doesNotContain("in-the-url");
    }

    @Test
    void aPasswordInBothPlacesIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> load(Map.of("BACKTRIAGE_DB", URL + "&password=one", "BACKTRIAGE_DB_PASSWORD", "two")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BACKTRIAGE_DB holds a password and BACKTRIAGE_DB_PASSWORD is set too; keep one of them"
                        + " (BACKTRIAGE_DB_PASSWORD keeps it out of the URL)");
    }

    @Test
    void aPasswordForAnSqliteFileIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> load(Map.of("BACKTRIAGE_DB_PASSWORD", "s3cret-pw")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BACKTRIAGE_DB_PASSWORD is set, but BACKTRIAGE_DB is an SQLite file")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void bothMayComeFromTheSettingsFile() throws Exception {
        Files.writeString(dir.resolve("backtriage.properties"), "BACKTRIAGE_DB=" + URL + "\nBACKTRIAGE_DB_PASSWORD=from-file\n");

        assertThat(load(Map.of()).database()).isEqualTo(new Database.Postgres(URL, Optional.of("from-file")));
    }

    @Test
    void theBotIdIsTheNumberBeforeTheColonOfTheToken() {
        assertThat(load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).botId()).hasValue(123456789);
        assertThat(load(Map.of()).botId()).isEmpty();
        assertThat(Settings.botId(TOKEN)).isEqualTo(123456789);
    }
}
