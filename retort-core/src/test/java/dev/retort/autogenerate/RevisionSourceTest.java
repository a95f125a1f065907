package dev.retort.autogenerate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionSourceTest {
    /** r9-5: a SQL revision's TODO gives the SQL to write, not the Java statement of a Java revision. */
    @Test
    void aSqlRevisionsNoteGivesTheSqlItself() {
        String note = "TODO: column Kay.b has collation POSIX in the database and collation C in the model; no operation"
                + " changes that: write it by hand,\ne.g. op.execute(\"ALTER TABLE \\\"Kay\\\" ALTER COLUMN b TYPE TEXT COLLATE \\\"C\\\"\").";
        assertThat(RevisionSource.sqlNote(note, ";")).endsWith(
                "write it by hand,\ne.g. ALTER TABLE \"Kay\" ALTER COLUMN b TYPE TEXT COLLATE \"C\";");
        assertThat(RevisionSource.sqlNote("e.g. op.execute(\"ALTER TABLE `k` MODIFY n TEXT NULL\") (restating it).", ";"))
                .isEqualTo("e.g. ALTER TABLE `k` MODIFY n TEXT NULL; (restating it).");
        assertThat(RevisionSource.sqlNote("RENAMED? column t.a -> b", ";")).isEqualTo("RENAMED? column t.a -> b");
    }
}
