package org.backtriage.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.backtriage.store.StoreException;

/**
 * Versioned schema changes in {@code db/V<n>__<name>.sql}, applied in order at start-up, each in
 * its own transaction with its version recorded in {@code schema_version}.
 */
final class SqliteMigrations {
    /** Every migration, oldest first. Append; never edit one that has shipped. */
    static final List<String> SCRIPTS = List.of("V1__sessions.sql", "V2__outbox.sql", "V3__language.sql", "V4__follow_ups.sql",
            "V5__finished_and_check_in.sql", "V6__check_ins.sql", "V7__clinician_agreed_and_check_in_screen.sql");

    private SqliteMigrations() {
    }

    static void apply(Connection connection, long nowMillis) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > SCRIPTS.size()) {
            throw new StoreException("the database has schema version " + current
                    + " but this build knows only up to " + SCRIPTS.size() + "; use a newer build");
        }
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String script = SCRIPTS.get(version - 1);
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : statements(read(script))) {
                    st.executeUpdate(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.setLong(3, nowMillis);
                    record.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String read(String script) {
        try (InputStream in = SqliteMigrations.class.getResourceAsStream("/db/" + script)) {
            if (in == null) {
                throw new StoreException("migration db/" + script + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration db/" + script, e);
        }
    }

    /** Splits a script at semicolons ending a line; our scripts hold no triggers or quoted semicolons. */
    private static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
