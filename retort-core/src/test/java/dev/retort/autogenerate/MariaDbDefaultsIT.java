package dev.retort.autogenerate;

import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB stores CURRENT_TIMESTAMP of a TIMESTAMP(6) column as current_timestamp(6): the same default. */
class MariaDbDefaultsIT {
    private static final SqlType TIMESTAMP_6 = new SqlType(SqlType.Kind.TIMESTAMP, null, 6, null, true, null, null, null);

    @Test
    void currentTimestampOfTheColumnsPrecision() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("event", t -> t
                .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                .column("created_at", TIMESTAMP_6, c -> c.notNull().serverDefault("CURRENT_TIMESTAMP"))).build();
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).as("after create").isEmpty();

            // the same default set by alterColumn keeps the precision
            Schemas.execute(db, "ALTER TABLE event ALTER COLUMN created_at DROP DEFAULT");
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(diff.upgrade()).hasSize(1);
            Schemas.apply(db, diff.upgrade());
            assertThat(columnDefault(db)).isEqualToIgnoringCase("current_timestamp(6)");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).as("after alter").isEmpty();
        }
    }

    /** A string longer than a VARCHAR holds (16,383 utf8mb4 characters) is TEXT, MEDIUMTEXT or LONGTEXT as Hibernate declares it, and no drift. */
    @Test
    void longStringsAreTextTypes() throws Exception {
        SchemaModel model = SchemaBuilder.schema().table("article", t -> t
                .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                .column("body", SqlType.string(20_000)).column("big", SqlType.string(5_000_000)).column("huge", SqlType.string(20_000_000))
                .column("title", SqlType.string(1000))).build();
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT GROUP_CONCAT(DATA_TYPE ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'article'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("int,text,mediumtext,longtext,varchar");
            }
        }
    }

    private static String columnDefault(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                     + "AND TABLE_NAME = 'event' AND COLUMN_NAME = 'created_at'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
