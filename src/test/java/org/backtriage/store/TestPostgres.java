package org.backtriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for one test class on the PostgreSQL server that
 * {@code BACKTRIAGE_TEST_POSTGRES} names (a superuser's URL; {@code .ci/postgres.sh} starts such
 * a server): created empty before the class's tests, dropped after them, when registered as
 * {@code @RegisterExtension static final TestPostgres database = TestPostgres.perClass();} in a
 * class marked {@link NeedsPostgres} (skipped without that variable).
 */
public final class TestPostgres implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String VARIABLE = "BACKTRIAGE_TEST_POSTGRES";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(.*)");

    private String serverUrl;
    private String name;
    private final List<String> roles = new ArrayList<>();

    private TestPostgres() {
    }

    /** The database of a test class, made before its first test (see the class comment). */
    public static TestPostgres perClass() {
        return new TestPostgres();
    }

    /** Another new empty database, besides the class's own; the caller closes it. */
    public static TestPostgres create(Class<?> testClass) {
        TestPostgres database = new TestPostgres();
        database.createFor(testClass);
        return database;
    }

    private void createFor(Class<?> testClass) {
        serverUrl = System.getenv(VARIABLE);
        name = ("bt_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        onServer("CREATE DATABASE " + name);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        createFor(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (name != null) {
            close();
        }
    }

    /** The URL of this database, as the server's superuser. */
    public String url() {
        return withDatabase(name);
    }

    /** The URL of this database for {@code user}, with no password in it. */
    public String url(String user) {
        return url().replaceFirst("([?&])user=[^&]*", "$1user=" + user);
    }

    /**
     * A new role that logs in with {@code password} and owns this database (dropped with it);
     * the test is skipped where the server lets anyone in whatever the password.
     */
    public String loginWithPassword(String password) {
        String user = name + "_login" + roles.size();
        onServer("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
        roles.add(user);
        onServer("ALTER DATABASE " + name + " OWNER TO " + user);
        boolean checked;
        try (Connection ignored = DriverManager.getConnection(url(user) + "&password=surely-not-" + password)) {
            checked = false;
        } catch (SQLException e) {
            checked = true;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(checked, "this PostgreSQL server accepts any password for " + user
                + "; the one .ci/postgres.sh starts checks them");
        return user;
    }

    /** Runs {@code sql} on the server (not in this database): roles, databases. */
    void onServer(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} in this database. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row {@code sql} returns in this database, as text. */
    public List<String> query(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
        return values;
    }

    /** Empties every table the store made, its schema history aside: each test starts as on a new database. */
    public void empty() {
        List<String> tables = query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
        if (!tables.isEmpty()) {
            execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY");
        }
    }

    /** The backends of this database waiting for a lock right now (a turn waiting for another's chat, say). */
    public int waitingForALock() {
        return Integer.parseInt(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'").get(0));
    }

    private String withDatabase(String database) {
        Matcher m = URL.matcher(serverUrl);
        assertThat(m.matches()).as("%s is a jdbc:postgresql://host:port/database?user=... URL", VARIABLE).isTrue();
        return m.group(1) + database + m.group(3);
    }

    /** Drops the database, ending what is still connected to it, and the roles made for it. */
    @Override
    public void close() {
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        for (String role : roles) {
            onServer("DROP ROLE IF EXISTS " + role);
        }
    }
}
