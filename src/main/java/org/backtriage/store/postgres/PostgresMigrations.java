package org.backtriage.store.postgres;

import java.util.Arrays;
import javax.sql.DataSource;
import org.backtriage.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The PostgreSQL schema, versioned in {@code db/postgres/V<n>__<name>.sql} and applied by
 * Flyway, which records each in {@code flyway_schema_history} and holds PostgreSQL's advisory
 * lock while it migrates: instances starting together migrate once, the others wait and find
 * the work done. (The SQLite store's scripts in {@code db/} are another schema, applied by its own migrations.)
 */
final class PostgresMigrations {
    static final String LOCATION = "classpath:db/postgres";

    private PostgresMigrations() {
    }

    /** Brings the schema up to date; refuses a database migrated by a newer build, as the SQLite store does. */
    static void apply(DataSource dataSource, PostgresAddress address) {
        Flyway flyway = Flyway.configure(PostgresMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholderReplacement(false)
                .failOnMissingLocations(true)
                .load();
        try {
            // Flyway would skip such versions by default, letting an old build write to a schema it does not know.
            MigrationInfo[] all = flyway.info().all();
            Arrays.stream(all)
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                    .reduce((first, last) -> last)
                    .ifPresent(future -> {
                        throw new StoreException("the database " + address + " has schema version " + future.getVersion()
                                + " but this build knows only up to " + Arrays.stream(all).filter(m -> m.getState().isResolved())
                                .reduce((first, last) -> last).map(MigrationInfo::getVersion).orElseThrow() + "; use a newer build");
                    });
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the schema of " + address + " up to date: " + PostgresAddress.firstLine(e), e);
        }
    }
}
