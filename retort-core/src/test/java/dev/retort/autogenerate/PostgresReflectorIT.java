package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** Reflection of the real PostgreSQL schemas, checked against the counts in SOURCES.md. */
class PostgresReflectorIT {

    @ParameterizedTest
    @CsvSource({
            // file, tables, FKs, CHECKs (-1: not given in SOURCES.md), indexes incl. PK/UQ (-1: not given)
            "netbox.sql, 189, 380, 138, 933",
            "danbooru.sql, 66, 93, -1, 456",
            "synapse.sql, 138, 14, 5, 242",
            "liberapay.sql, 45, 65, 63, 101",
            "pagila.sql, 15, 18, -1, -1", // 36 FKs in SOURCES.md, 18 of them on partitions, which are not reflected
    })
    void reflectsRealSchema(String file, int tables, int fks, int checks, int indexes) throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            SchemaFiles.loadPostgres(db, SchemaFiles.file("postgresql", file));
            SchemaModel m;
            try (Connection c = db.connect()) {
                m = Dialects.forName("postgresql").reflector().reflect(c, null);
            }
            assertThat(m.tables()).hasSize(tables);
            assertThat(m.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum()).isEqualTo(fks);
            if (checks >= 0) {
                assertThat(m.tables().stream().mapToInt(t -> t.checkConstraints().size()).sum()).isEqualTo(checks);
            }
            if (indexes >= 0) {
                int all = m.tables().stream().mapToInt(t -> t.indexes().size() + t.uniqueConstraints().size()
                        + (t.primaryKey() == null ? 0 : 1)).sum();
                assertThat(all).isEqualTo(indexes);
            }
            for (Table t : m.tables()) assertThat(t.columns()).as(t.name()).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void reflectsDetailsOfPagila() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            SchemaFiles.loadPostgres(db, SchemaFiles.file("postgresql", "pagila.sql"));
            SchemaModel m;
            try (Connection c = db.connect()) {
                m = Dialects.forName("postgresql").reflector().reflect(c, null);
            }
            Table film = m.table("film").orElseThrow();
            Column id = film.column("film_id").orElseThrow();
            // pagila's sequences are not OWNED BY their columns: a plain default, and standalone sequences
            assertThat(id.autoincrement()).isFalse();
            assertThat(id.serverDefault()).isEqualTo("nextval('film_film_id_seq'::regclass)");
            assertThat(id.type().kind()).isEqualTo(SqlType.Kind.INTEGER);
            Column rating = film.column("rating").orElseThrow();
            assertThat(rating.type().kind()).isEqualTo(SqlType.Kind.ENUM);
            assertThat(rating.type().enumValues()).containsExactly("G", "PG", "PG-13", "R", "NC-17");
            assertThat(film.column("title").orElseThrow().nullable()).isFalse();
            assertThat(film.column("rental_rate").orElseThrow().type()).isEqualTo(SqlType.numeric(4, 2));
            assertThat(m.enums()).extracting(e -> e.name()).contains("mpaa_rating");
            Index fulltext = film.indexes().stream().filter(i -> i.name().equals("film_fulltext_idx")).findFirst().orElseThrow();
            assertThat(fulltext.using()).isEqualTo("gist");
            assertThat(film.foreignKeys()).anySatisfy(fk -> {
                assertThat(fk.refTable()).isEqualTo("language");
                assertThat(fk.onUpdate()).isEqualTo("CASCADE");
                assertThat(fk.onDelete()).isEqualTo("RESTRICT");
            });
            assertThat(m.table("payment_p2022_01")).isEmpty();
            assertThat(m.sequences()).hasSize(13);
        }
    }
}
