package dev.retort.autogenerate;

import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate maps @Lob to large objects (oid) on PostgreSQL. A model that makes such a column text or bytes
 * gets a type change that reads the objects' content (a cast would keep their numbers), and a downgrade that
 * makes large objects of the values again.
 */
class PostgresLargeObjectIT {
    @Test
    void largeObjectsBecomeTheirContentAndBackAgain() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                "CREATE TABLE customers (id INT PRIMARY KEY, notes TEXT, image BYTEA);");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, notes OID, image OID)");
            s.execute("INSERT INTO customers VALUES (1, lo_from_bytea(0, convert_to('a long note', 'UTF8')),"
                    + " lo_from_bytea(0, '\\x0102'::bytea))");
            List<SchemaComparator.Entry> entries = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything()).entries();
            assertThat(entries).extracting(SchemaComparator.Entry::note).anyMatch(n -> n != null && n.contains("large objects"));
            Schemas.apply(db, entries.stream().map(SchemaComparator.Entry::operation).toList());
            try (ResultSet rs = s.executeQuery("SELECT notes, encode(image, 'hex') FROM customers")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a long note");
                assertThat(rs.getString(2)).isEqualTo("0102");
            }
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            List<Operation> undo = new java.util.ArrayList<>();
            for (SchemaComparator.Entry e : entries) undo.add(0, e.undo().orElseThrow());
            Schemas.apply(db, undo);
            try (ResultSet rs = s.executeQuery("SELECT convert_from(lo_get(notes), 'UTF8'), encode(lo_get(image), 'hex') FROM customers")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a long note");
                assertThat(rs.getString(2)).isEqualTo("0102");
            }
        }
    }

    /** The other way, as a JPA model's @Lob asks of a column an earlier Retort made bytea / text (t40-1). */
    @Test
    void contentBecomesLargeObjectsAndBackAgain() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL,
                "CREATE TABLE customers (id INT PRIMARY KEY, notes OID, image OID);");
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, notes TEXT, image BYTEA)");
            s.execute("INSERT INTO customers VALUES (1, 'a long note', '\\x0102'::bytea)");
            List<SchemaComparator.Entry> entries = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db), SchemaFilter.everything()).entries();
            assertThat(entries).extracting(SchemaComparator.Entry::note).anyMatch(n -> n != null && n.contains("large-object column"));
            Schemas.apply(db, entries.stream().map(SchemaComparator.Entry::operation).toList());
            try (ResultSet rs = s.executeQuery("SELECT convert_from(lo_get(notes), 'UTF8'), encode(lo_get(image), 'hex') FROM customers")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a long note");
                assertThat(rs.getString(2)).isEqualTo("0102");
            }
            assertThat(SchemaComparator.compare(Schemas.reflect(db), model, Schemas.dialect(db))).isEmpty();
            List<Operation> undo = new java.util.ArrayList<>();
            for (SchemaComparator.Entry e : entries) undo.add(0, e.undo().orElseThrow());
            Schemas.apply(db, undo);
            try (ResultSet rs = s.executeQuery("SELECT notes, encode(image, 'hex') FROM customers")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a long note");
                assertThat(rs.getString(2)).isEqualTo("0102");
            }
        }
    }
}
