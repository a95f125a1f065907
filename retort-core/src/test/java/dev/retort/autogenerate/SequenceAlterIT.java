package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.ops.AlterSequence;
import dev.retort.runtime.Retort;
import dev.retort.script.ScriptDirectory;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed sequence is altered in place: the numbers go on from where they were (a drop and create
 * started them over at 1000), the downgrade puts the old increment back, and both compare clean.
 */
class SequenceAlterIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void changedIncrementKeepsTheCurrentValue(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            SchemaModel v1 = SchemaBuilder.schema().sequence("invoice_no_seq", 1000L, 5L).build();
            SchemaModel v2 = SchemaBuilder.schema().sequence("invoice_no_seq", 1000L, 10L).build();
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), v1, Schemas.dialect(db)));
            assertThat(next(db, 3)).containsExactly(1000L, 1005L, 1010L);

            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), v2, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(diff.upgrade()).singleElement().isInstanceOf(AlterSequence.class);
            assertThat(RevisionSource.javaBodies(diff).upgrade())
                    .containsExactly("op.alterSequence(\"invoice_no_seq\", s -> s.increment(10).existingIncrement(5));");
            Schemas.apply(db, diff.upgrade());
            // on from where it was (H2 from its next value 1015, MariaDB past its cache of 1,000 values), by the new step
            List<Long> after = next(db, 2);
            assertThat(after.get(0)).isGreaterThan(1010L);
            assertThat(after.get(1) - after.get(0)).isEqualTo(10L);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), v2, Schemas.dialect(db))).isEmpty();

            Schemas.apply(db, diff.downgrade());
            assertThat(next(db, 1).get(0)).isGreaterThan(after.get(1));
            assertThat(SchemaComparator.compare(Schemas.reflect(db), v1, Schemas.dialect(db))).isEmpty();
        }
    }

    /**
     * t59-3: a sequence turned from ascending to descending (or back) needs new bounds and a RESTART, which PostgreSQL
     * and MariaDB demand of its current value and which changes the numbers it gives: not generated as an alterSequence
     * that fails (and, on MariaDB, leaves the revision's other statements applied), but a TODO with the statement that
     * runs, and a warning.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void aTurnedSequenceIsATodoWithAStatementThatRuns(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Schemas.execute(db, "CREATE SEQUENCE d; CREATE SEQUENCE e INCREMENT BY -1;");
            SchemaModel model = Schemas.model(engine, "CREATE SEQUENCE d INCREMENT BY -1; CREATE SEQUENCE e;");
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything());
            assertThat(diff.upgrade()).isEmpty();
            assertThat(diff.entries()).hasSize(2).allSatisfy(e -> assertThat(e.note()).startsWith("TODO: sequence ")
                    .contains("RESTART"));
            for (SchemaComparator.Entry e : diff.entries()) {
                String note = e.note();
                int at = note.indexOf("op.execute(\"") + "op.execute(\"".length();
                Schemas.execute(db, note.substring(at, note.indexOf("\")", at)) + ";");
            }
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            assertThat(nextValue(db, "d")).isEqualTo(-1L);
        }
    }

    /**
     * f2-1: the same end to end, both ways: the generated revision's TODO statements, written into it, upgrade the
     * database to the model (check clean, the turned sequence counting down from -1); the revision generated back has
     * the inverse, which restores the original. H2 refused to turn a descending sequence without bounds ascending (it
     * kept the odd cache it reports for one).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void aTurnedSequencesTodoStatementsRunFromTheRevision(Engine engine) throws Exception {
        String before = "CREATE SEQUENCE d; CREATE SEQUENCE e INCREMENT BY -1;";
        String after = "CREATE SEQUENCE d INCREMENT BY -1; CREATE SEQUENCE e;";
        try (TestDatabase db = TestDatabase.create(engine)) {
            Files.createDirectories(tmp.resolve("migrations/versions"));
            RetortConfig config = AutogeneratorIT.config(tmp, db.url());
            Schemas.execute(db, before);
            Files.writeString(tmp.resolve("schema.sql"), after);
            GeneratedRevisions.generateWritingTodos(config, "turn", "cccccccccc01", 2);
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(nextValue(db, "d")).isEqualTo(-1L);

            Files.writeString(tmp.resolve("schema.sql"), before);
            GeneratedRevisions.generateWritingTodos(config, "back", "cccccccccc02", 2);
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.lines(config)).isEmpty();
            assertThat(nextValue(db, "d")).isEqualTo(1L);
            assertThat(nextValue(db, "e")).isEqualTo(-1L);
        }
    }

    private static long nextValue(TestDatabase db, String sequence) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(db.engine() == Engine.POSTGRESQL ? "SELECT nextval('" + sequence + "')"
                     : "SELECT NEXT VALUE FOR " + sequence)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void changedStartDoesNotRestart(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            SchemaModel v1 = SchemaBuilder.schema().sequence("invoice_no_seq", 1000L, 5L).build();
            SchemaModel v2 = SchemaBuilder.schema().sequence("invoice_no_seq", 500L, 5L).build();
            Schemas.apply(db, SchemaComparator.compare(Schemas.reflect(db), v1, Schemas.dialect(db)));
            assertThat(next(db, 2)).containsExactly(1000L, 1005L);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), v2, Schemas.dialect(db), SchemaFilter.everything());
            Schemas.apply(db, diff.upgrade());
            assertThat(next(db, 1).get(0)).isGreaterThan(1005L);
            assertThat(SchemaComparator.compare(Schemas.reflect(db), v2, Schemas.dialect(db))).isEmpty();
            Schemas.apply(db, diff.downgrade());
            assertThat(SchemaComparator.compare(Schemas.reflect(db), v1, Schemas.dialect(db))).isEmpty();
        }
    }

    private static List<Long> next(TestDatabase db, int n) throws Exception {
        String sql = db.engine() == Engine.POSTGRESQL ? "SELECT nextval('invoice_no_seq')" : "SELECT NEXT VALUE FOR invoice_no_seq";
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
