package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.Stderr;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Clauses of a PostgreSQL model that the schema model does not carry: a revision made from it still runs. */
class PostgresModelClausesIT {
    @Test
    void aNoInheritCheckIsCreatedAsAPlainCheck() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                "CREATE TABLE t (a int, CONSTRAINT t_a_pos CHECK (a > 0) NO INHERIT);");
        assertThat(model.tables().get(0).checkConstraints().get(0).expression()).isEqualTo("a > 0");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }

    /** PostgreSQL cannot change a generated column's expression in place: a TODO with the SQL, no failing ALTER. */
    @Test
    void aChangedGeneratedExpressionIsLeftToTheUser() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED)");
            SchemaModel changed = Schemas.model(Engine.POSTGRESQL,
                    "CREATE TABLE t (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 3) STORED)");
            List<SchemaComparator.Entry> entries = SchemaComparator.diff(Schemas.reflect(db), changed, Schemas.dialect(db),
                    SchemaFilter.everything()).entries();
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.operation()).isNull();
                assertThat(e.note()).startsWith("TODO: column t.b")
                        .contains("op.execute(\"ALTER TABLE t DROP COLUMN b, ADD COLUMN b integer GENERATED ALWAYS AS ((a * 3)) STORED\")");
            });
            // the SQL the note proposes runs, and then nothing differs
            Schemas.execute(db, "ALTER TABLE t DROP COLUMN b, ADD COLUMN b integer GENERATED ALWAYS AS ((a * 3)) STORED");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), changed, Schemas.dialect(db))).isEmpty();

            SchemaModel plain = Schemas.model(Engine.POSTGRESQL, "CREATE TABLE t (id int PRIMARY KEY, a int, b int)");
            entries = SchemaComparator.diff(Schemas.reflect(db), plain, Schemas.dialect(db), SchemaFilter.everything()).entries();
            assertThat(entries).singleElement().satisfies(e -> assertThat(e.note())
                    .contains("op.execute(\"ALTER TABLE t ALTER COLUMN b DROP EXPRESSION\")"));
            Schemas.execute(db, "ALTER TABLE t ALTER COLUMN b DROP EXPRESSION");
            assertThat(SchemaComparator.compare(Schemas.reflect(db), plain, Schemas.dialect(db))).isEmpty();
        }
    }

    /**
     * t57-13: a check or foreign key of the model added NOT VALID (for new rows only) was created plain by the
     * revision, which then failed on the rows it was written to leave alone: the model carries it, with no warning
     * (see NotValidConstraintIT for the revision).
     */
    @Test
    void aNotValidConstraintIsCarriedInTheModel() throws Exception {
        SchemaModel[] model = new SchemaModel[1];
        String err = Stderr.of(() -> model[0] = Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE t (id int PRIMARY KEY, qty int, p_id int);
                ALTER TABLE t ADD CONSTRAINT qty_pos CHECK (qty >= 0) NOT VALID;
                ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;
                ALTER TABLE t ADD CONSTRAINT t_valid CHECK (id > 0);
                """));
        assertThat(err).doesNotContain("NOT VALID").doesNotContain("qty_pos").doesNotContain("t_p_fk");
        assertThat(model[0].tables()).filteredOn(t -> t.name().equals("t")).singleElement().satisfies(t -> {
            assertThat(t.checkConstraints()).extracting(c -> c.name() + " " + c.expression() + " " + c.notValid())
                    .containsExactlyInAnyOrder("qty_pos qty >= 0 true", "t_valid id > 0 false");
            assertThat(t.foreignKeys()).extracting(f -> f.name() + " " + f.notValid()).containsExactly("t_p_fk true");
        });
    }

    /** What the model cannot carry but changes the data a table accepts is named in a warning, never lost silently. */
    @Test
    void clausesTheModelCannotCarryAreNamed() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE p (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
                CREATE TABLE t (a int, b int, r int4range, c text, k varchar(50) COLLATE "C",
                    CONSTRAINT t_d_uq UNIQUE (a) DEFERRABLE INITIALLY DEFERRED);
                ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL;
                ALTER TABLE t ADD CONSTRAINT t_c_uq UNIQUE NULLS NOT DISTINCT (c);
                ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (r WITH &&);
                CREATE UNIQUE INDEX t_b_uq ON t (b) NULLS NOT DISTINCT;
                CREATE TABLE core_item (id bigint NOT NULL, name text);
                ALTER TABLE core_item ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME extras_item_id_seq);
                CREATE TABLE plain (id bigint GENERATED BY DEFAULT AS IDENTITY, s serial);
                """));
        assertThat(err)
                .doesNotContain("Column t.k")
                .contains("Constraint t_d_uq on table t has DEFERRABLE")
                .contains("Constraint t_fk on table t has MATCH FULL")
                .contains("Constraint t_c_uq on table t has NULLS NOT DISTINCT")
                .contains("Constraint t_no_overlap on table t is an exclusion constraint (EXCLUDE USING gist (r WITH &&))")
                .contains("op.execute(\"ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (r WITH &&)\")")
                .contains("Index t_b_uq on table t has NULLS NOT DISTINCT")
                .contains("Column core_item.id has the sequence name extras_item_id_seq (not core_item_id_seq)")
                .doesNotContain("plain.");
    }

    /**
     * t75-4: comments on indexes and constraints are not in the model; a revision that creates one again (any change)
     * loses the comment, both ways: named with the SQL that restores it.
     */
    @Test
    void indexAndConstraintCommentsAreNamed() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE thing (id int PRIMARY KEY, code text NOT NULL, CONSTRAINT code_chk CHECK (code <> ''));
                CREATE INDEX ix_code ON thing (code);
                CREATE INDEX ix_plain ON thing (id, code);
                COMMENT ON INDEX ix_code IS 'lookup by code';
                COMMENT ON CONSTRAINT code_chk ON thing IS 'no ''empty'' codes';
                COMMENT ON TABLE thing IS 'things';
                """));
        assertThat(err)
                .contains("Index ix_code on table thing has a comment")
                .contains("op.execute(\"COMMENT ON INDEX ix_code IS 'lookup by code'\")")
                .contains("Constraint code_chk on table thing has a comment")
                .contains("op.execute(\"COMMENT ON CONSTRAINT code_chk ON thing IS 'no ''empty'' codes'\")")
                .doesNotContain("ix_plain").doesNotContain("Table thing");
    }

    /** t57-15: storage parameters and a column's statistics target or storage are named with the SQL that sets them. */
    @Test
    void storageParametersAndColumnStatisticsAreNamed() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE t (id int PRIMARY KEY WITH (fillfactor = 90), a text, b text, n int) WITH (fillfactor = 70, autovacuum_enabled = false);
                CREATE INDEX ix_a ON t (a) WITH (fillfactor = 50);
                CREATE INDEX ix_b ON t (b);
                ALTER TABLE t ALTER COLUMN a SET STATISTICS 1000;
                ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL;
                ALTER TABLE t ALTER COLUMN n SET STATISTICS 0;
                CREATE TABLE plain (id int PRIMARY KEY, a text);
                """));
        assertThat(err)
                .contains("Table t has storage parameters (fillfactor=70, autovacuum_enabled=false)")
                .contains("op.execute(\"ALTER TABLE t SET (fillfactor=70, autovacuum_enabled=false)\")")
                .contains("Index ix_a on table t has storage parameters (fillfactor=50)")
                .contains("op.execute(\"ALTER INDEX ix_a SET (fillfactor=50)\")")
                .contains("Index t_pkey on table t has storage parameters (fillfactor=90)")
                .contains("Column t.a has SET STATISTICS 1000, SET STORAGE EXTERNAL")
                .contains("op.execute(\"ALTER TABLE t ALTER COLUMN a SET STATISTICS 1000, ALTER COLUMN a SET STORAGE EXTERNAL\")")
                .contains("Column t.n has SET STATISTICS 0")
                .doesNotContain("ix_b").doesNotContain("plain").doesNotContain("Column t.b").doesNotContain("Column t.id");
    }

    /**
     * t37-4: a deferrable foreign key (Django makes all of them so) is carried in the model, with no warning (a
     * baseline creates it as it is); a partitioned table is still named once, with what to add by hand.
     */
    @Test
    void deferrableForeignKeysAreCarriedAndPartitionedTablesAreNamed() throws Exception {
        SchemaModel[] model = new SchemaModel[1];
        String err = Stderr.of(() -> model[0] = Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE c (id int PRIMARY KEY, p_id int, q_id int);
                ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE c ADD CONSTRAINT c_q_fk FOREIGN KEY (q_id) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE NOT VALID;
                ALTER TABLE c ADD CONSTRAINT c_id_fk FOREIGN KEY (id) REFERENCES p (id);
                CREATE TABLE payment (id int NOT NULL, paid date NOT NULL) PARTITION BY RANGE (paid);
                CREATE TABLE payment_2022 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
                CREATE TABLE payment_2023 PARTITION OF payment FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
                """));
        // c_q_fk's NOT VALID is carried (t57-13), as its DEFERRABLE
        assertThat(err).doesNotContain("has DEFERRABLE").doesNotContain("c_p_fk").doesNotContain("NOT VALID")
                .contains("Table payment is PARTITION BY RANGE (paid) (2 partition(s))")
                .contains("PARTITION OF payment FOR VALUES")
                .doesNotContain("Table payment_2022");
        assertThat(model[0].tables()).filteredOn(t -> t.name().equals("c")).singleElement()
                .satisfies(t -> assertThat(t.foreignKeys()).extracting(f -> f.name() + " " + f.deferral()).containsExactlyInAnyOrder(
                        "c_p_fk INITIALLY_DEFERRED", "c_q_fk INITIALLY_IMMEDIATE", "c_id_fk NOT_DEFERRABLE"));
        assertThat(model[0].tables()).filteredOn(t -> t.name().equals("c")).singleElement()
                .satisfies(t -> assertThat(t.foreignKeys()).filteredOn(dev.retort.schema.ForeignKey::notValid).extracting(f -> f.name())
                        .containsExactly("c_q_fk"));
    }

    /** r9-3: the statement to add by hand quotes names as Retort's SQL does, escaped for the Java string it is in. */
    @Test
    void theStatementToAddByHandQuotesNames() throws Exception {
        String err = Stderr.of(() -> Schemas.model(Engine.POSTGRESQL, """
                CREATE TABLE "T" (r int4range, n int);
                ALTER TABLE "T" ADD CONSTRAINT "T_No_Overlap" EXCLUDE USING gist (r WITH &&) WHERE (n > 0);
                """));
        assertThat(err).contains("op.execute(\"ALTER TABLE \\\"T\\\" ADD CONSTRAINT \\\"T_No_Overlap\\\" EXCLUDE USING gist"
                + " (r WITH &&) WHERE (n > 0)\")");
    }

    /** t18-10: a type change carries the model's default when only its cast to the old type differs. */
    @Test
    void aRetypedColumnTakesTheModelsDefaultSpelling() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, "CREATE TABLE a (id int PRIMARY KEY, other_names text[] DEFAULT '{}'::text[] NOT NULL)");
            SchemaModel model = Schemas.model(Engine.POSTGRESQL, "CREATE TABLE a (id int PRIMARY KEY,"
                    + " other_names character varying(100)[] DEFAULT '{}'::character varying[] NOT NULL)");
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db)));
            assertThat(Schemas.reflect(db).table("a").orElseThrow().column("other_names").orElseThrow().serverDefault())
                    .isEqualTo(model.table("a").orElseThrow().column("other_names").orElseThrow().serverDefault());
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
        }
    }
}
