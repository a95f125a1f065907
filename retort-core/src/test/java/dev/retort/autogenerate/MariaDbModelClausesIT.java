package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What a MariaDB model holds beyond the schema model: carried where the model has a place for it, else named. */
class MariaDbModelClausesIT {
    private static final String MODEL = """
            CREATE TABLE hist (id INT PRIMARY KEY, v INT) WITH SYSTEM VERSIONING;
            CREATE TABLE p (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, secret VARCHAR(20) INVISIBLE,
                k VARCHAR(50) COLLATE utf8mb4_bin, j JSON) AUTO_INCREMENT=1000;
            """;

    /** r9-3: the statement to add by hand quotes the table's name. */
    @Test
    void theStatementToAddByHandQuotesNames() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.MARIADB,
                "CREATE TABLE `order-items` (id INT PRIMARY KEY) WITH SYSTEM VERSIONING;"));
        assertThat(err).contains("op.execute(\"ALTER TABLE `order-items` ADD SYSTEM VERSIONING\")");
    }

    /**
     * t37-4: sakila's last_update ... ON UPDATE current_timestamp() is the column's, as a model writes it (a
     * precision kept), and no longer named in a warning: a revision made from the model creates it.
     */
    /** t75-4: an index comment is not in the model; a revision that creates the index again loses it: named. */
    @Test
    void anIndexCommentIsNamed() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.MARIADB, """
                CREATE TABLE gadget (id INT PRIMARY KEY, name VARCHAR(50), code INT,
                  KEY ix_name (name(20)) COMMENT 'prefix', KEY ix_code (code));
                """));
        assertThat(err).contains("Index ix_name on table gadget has a comment (prefix)").doesNotContain("ix_code");
    }

    @Test
    void onUpdateIsReflectedIntoTheModel() throws Exception {
        SchemaModel[] model = new SchemaModel[1];
        String err = Stderr.of(() -> model[0] = Schemas.model(Engine.MARIADB, """
                CREATE TABLE actor (id INT PRIMARY KEY,
                    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT 'it''s set',
                    created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    touched DATETIME(3) NULL ON UPDATE CURRENT_TIMESTAMP(3));
                """));
        assertThat(err).doesNotContain("ON UPDATE");
        var actor = model[0].table("actor").orElseThrow();
        assertThat(actor.column("last_update").orElseThrow().onUpdate()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(actor.column("touched").orElseThrow().onUpdate()).isEqualTo("CURRENT_TIMESTAMP(3)");
        assertThat(actor.column("created").orElseThrow().onUpdate()).isNull();
    }

    /**
     * t57-7: MariaDB stores a sequence default qualified with its database (nextval(`shop`.`s1`)); read from a sql:
     * model's scratch database, that named the scratch in the revision, which failed, and never matched the database.
     * The database's own qualifier is left out on both sides: a model and a database made from one file are the same,
     * and a new table's default runs.
     */
    @Test
    void aSequenceDefaultNamesNoDatabase() throws Exception {
        String file = """
                CREATE SEQUENCE s1 START WITH 10 INCREMENT BY 5;
                CREATE TABLE w (id int PRIMARY KEY, seqcol bigint DEFAULT nextval(s1), note varchar(40) DEFAULT '`x`.y');
                """;
        SchemaModel model = Schemas.model(Engine.MARIADB, file);
        assertThat(model.table("w").orElseThrow().column("seqcol").orElseThrow().serverDefault()).isEqualTo("nextval(`s1`)");
        // a string literal is data: kept as it is
        assertThat(model.table("w").orElseThrow().column("note").orElseThrow().serverDefault()).isEqualTo("'`x`.y'");
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            // made from the model in an empty database: the default runs there
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            Schemas.execute(db, "INSERT INTO w (id) VALUES (1)");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            // made from the same file: no change
            Schemas.execute(db, file);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }

    /** t18-8: a system-versioned table is a table; the table's AUTO_INCREMENT is the start of its numbering. */
    @Test
    void versionedTablesAreTablesAndAutoIncrementIsKept() throws Exception {
        SchemaModel[] model = new SchemaModel[1];
        String err = Stderr.of(() -> model[0] = Schemas.model(Engine.MARIADB, MODEL));
        assertThat(err)
                .contains("Table hist is WITH SYSTEM VERSIONING: autogenerate and check do not compare system versioning")
                .contains("op.execute(\"ALTER TABLE hist ADD SYSTEM VERSIONING\")")
                .contains("Column p.secret has INVISIBLE")
                .doesNotContain("Column p.k").doesNotContain("Column p.j");
        assertThat(model[0].table("p").orElseThrow().column("k").orElseThrow().collation()).isEqualTo("utf8mb4_bin");
        assertThat(model[0].table("p").orElseThrow().column("j").orElseThrow().collation()).isNull();
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db)));
            assertThat(Schemas.reflect(db).table("hist")).isPresent();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO p (k) VALUES ('a')");
                try (ResultSet rs = s.executeQuery("SELECT id FROM p")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1000);
                }
            }
            // the next number is not compared: a table with rows is no drift
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db))).isEmpty();
            // a versioned table in the database is compared like any other
            Schemas.execute(db, "DROP TABLE hist; CREATE TABLE hist (id INT PRIMARY KEY) WITH SYSTEM VERSIONING");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model[0], Schemas.dialect(db)))
                    .singleElement().satisfies(op -> assertThat(op.describe()).contains("hist").contains("v"));
        }
    }
}
