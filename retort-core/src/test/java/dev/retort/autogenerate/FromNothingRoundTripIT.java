package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's round trip on SQLite and MariaDB: an empty database plus the model of a real schema file ->
 * compare -> operations through the dialect renderer -> reflects equal to the file loaded directly;
 * the downgrade empties it; no false positives either way. (PostgreSQL: {@link PostgresRoundTripIT}.)
 */
class FromNothingRoundTripIT {

    @ParameterizedTest
    @ValueSource(strings = {"chinook.sql", "northwind.sql", "sakila.sql", "synapse.sql"})
    void sqlite(String file) throws Exception {
        try (TestDatabase source = TestDatabase.create(Engine.SQLITE); TestDatabase target = TestDatabase.create(Engine.SQLITE)) {
            SqliteMutationIT.load(source, file);
            roundTrip(Schemas.reflect(source), target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sakila.sql", "ambari.sql"})
    void mariadb(String file) throws Exception {
        try (TestDatabase source = TestDatabase.create(Engine.MARIADB); TestDatabase target = TestDatabase.create(Engine.MARIADB)) {
            roundTrip(MariaDbReflectorIT.loadAndReflect(source, file), target);
        }
    }

    private static void roundTrip(SchemaModel model, TestDatabase target) throws Exception {
        Dialect dialect = Schemas.dialect(target);
        SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(target), model, dialect, SchemaFilter.everything());
        Schemas.apply(target, diff.upgrade());
        SchemaModel built = Schemas.reflect(target);
        assertThat(SchemaComparator.compare(built, model, dialect)).as("built from nothing").isEmpty();
        assertThat(SchemaComparator.compare(model, built, dialect)).as("and the other way round").isEmpty();
        assertThat(built.tables()).hasSameSizeAs(model.tables());
        Schemas.apply(target, diff.downgrade());
        assertThat(Schemas.reflect(target).tables()).isEmpty();
    }
}
