package org.backtriage.store.postgres;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.backtriage.store.StoreException;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the PostgreSQL database is and how to log in: a pgjdbc URL
 * ({@code jdbc:postgresql://host:port/db?user=...}), with the password in it or given apart. It
 * shows itself as host, port, database and user only, so no log line or error carries the password.
 */
final class PostgresAddress {
    static final String PREFIX = "jdbc:postgresql:";
    /**
     * How long the server lets a session of ours sit in an open transaction before it ends it.
     * Our transactions run their statements back to back, so only a stopped or frozen instance
     * waits that long, and its row locks (a fenced write's on the lease) must not hold back
     * the instance taking its lease over.
     */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(2);

    private final String url;
    private final Optional<String> password;
    /** The password used, given apart or in the URL: masked in any message that should quote it. */
    private final Optional<String> secret;
    private final String shown;

    private PostgresAddress(String url, Optional<String> password, Optional<String> secret, String shown) {
        this.url = url;
        this.password = password;
        this.secret = secret;
        this.shown = shown;
    }

    /**
     * The database at {@code url}; {@code password}, when present, replaces one the URL holds.
     * A URL the driver cannot read is refused in a line that does not repeat it (it may hold a password).
     */
    static PostgresAddress of(String url, Optional<String> password) {
        Properties parsed = url.startsWith(PREFIX) ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            throw new StoreException("the database URL is not one the PostgreSQL driver reads; it looks like"
                    + " jdbc:postgresql://host:5432/database?user=name");
        }
        String shown = "postgresql://" + parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT") + "/"
                + parsed.getProperty("PGDBNAME") + Optional.ofNullable(parsed.getProperty("user")).map(u -> " as " + u).orElse("");
        Optional<String> secret = password.or(() -> Optional.ofNullable(parsed.getProperty("password")))
                .filter(p -> !p.isEmpty());
        return new PostgresAddress(url, password, secret, shown);
    }

    /**
     * A data source for new connections to it: each knows it is backtriage, gives up connecting
     * after 5 s, keeps row data out of errors, and is ended by the server once it sits in an open
     * transaction for {@link #IDLE_IN_TRANSACTION}.
     */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        password.ifPresent(source::setPassword);
        source.setApplicationName("backtriage");
        source.setConnectTimeout(5);
        source.setTcpKeepAlive(true);
        // The server's "detail" lines quote row values; a person's answers have no business in a log line.
        source.setLogServerErrorDetail(false);
        String options = Optional.ofNullable(source.getOptions()).map(o -> o + " ").orElse("");
        source.setOptions(options + "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION.toMillis());
        return source;
    }

    /** What went wrong in one line (see {@link #firstLine}), with the password masked should it appear. */
    String problem(Throwable failure) {
        String line = firstLine(failure);
        return secret.map(p -> line.replace(p, "***")).orElse(line);
    }

    /**
     * The first line of the driver's own words in {@code failure}'s chain: its first SQLException
     * (past a pool's wrapper), else its deepest cause.
     */
    static String firstLine(Throwable failure) {
        Throwable said = failure;
        while (!(said instanceof java.sql.SQLException) && said.getCause() != null && said.getCause() != said) {
            said = said.getCause();
        }
        String message = String.valueOf(said.getMessage());
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override
    public String toString() {
        return shown;
    }
}
