package dev.retort.dialect;

import dev.retort.autogenerate.SchemaComparator;
import dev.retort.ops.Operation;
import dev.retort.ops.TableElement;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.dialect.OpsHarness.applyOnline;
import static dev.retort.dialect.OpsHarness.dialect;
import static dev.retort.dialect.OpsHarness.ops;
import static dev.retort.dialect.OpsHarness.script;
import static dev.retort.migration.Migration.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * t49-3: every portable type as Retort declares it on H2 is accepted in each of H2's compatibility modes
 * ({@code MODE=...} in the URL), online and in an offline script, and reads back as the same type (no drift).
 * {@code MODE=PostgreSQL} has no {@code BLOB}: the portable BLOB is H2's own {@code BINARY LARGE OBJECT}.
 */
class H2CompatibilityModesIT {

    /** One column per portable type; {@code day} (DATE) only where the mode keeps dates (see below). */
    private static List<TableElement> everyType(boolean withDate) {
        List<TableElement> cols = new ArrayList<>(List.of(
                column("id", BIGINT).primaryKey().autoincrement(),
                column("flag", BOOLEAN).notNull().serverDefault("FALSE"), column("small", SMALLINT), column("i", INTEGER),
                column("amount", numeric(12, 2)), column("whole", numeric(7)), column("any_number", numeric()),
                column("r", REAL), column("d", DOUBLE), column("s", string(50)).serverDefault("'x'"), column("s_any", string()),
                column("t", TEXT), column("c", chars(3)), column("at", TIME), column("at_tz", time(true)),
                column("at3", time(false, 3)), column("ts", TIMESTAMP), column("tstz", TIMESTAMPTZ),
                column("ts3", timestamp(false, 3)), column("bin", binary(16)), column("bl", BLOB), column("u", UUID),
                column("j", JSON), column("e", enumOf(null, "a", "b'c")), column("iv", INTERVAL)));
        if (withDate) cols.add(column("day", DATE));
        return cols;
    }

    @ParameterizedTest(name = "MODE={0}")
    @ValueSource(strings = {"REGULAR", "STRICT", "LEGACY", "DB2", "Derby", "HSQLDB", "MSSQLServer", "MySQL", "MariaDB",
            "Oracle", "PostgreSQL"})
    void everyPortableTypeIsCreatedAndReadBackInEachMode(String mode) throws Exception {
        // H2's Oracle mode reads DATE as TIMESTAMP(0), as Oracle does (docs/types.md): checked on its own below
        boolean oracle = mode.equals("Oracle");
        List<TableElement> cols = everyType(!oracle);
        List<Operation> create = ops(Engine.H2, op -> op.createTable("everything", cols.toArray(TableElement[]::new)));
        Table table = OperationsIT.table("everything", cols.toArray(TableElement[]::new));
        SchemaModel model = new SchemaModel(List.of(table), List.of(), List.of());
        Dialect h2 = dialect(Engine.H2);

        try (Connection c = open(mode)) {
            applyOnline(h2, c, create);
            assertThat(SchemaComparator.compare(h2.reflector().reflect(c, null), model, h2)).as("online, MODE=" + mode).isEmpty();
            shutdown(c);
        }
        try (Connection c = open(mode)) {
            Path file = Files.createTempFile("retort-h2-mode-", ".sql");
            try (Statement s = c.createStatement()) {
                Files.writeString(file, script(h2, create), StandardCharsets.UTF_8);
                s.execute("RUNSCRIPT FROM '" + file + "' CHARSET 'UTF-8'");
            } finally {
                Files.deleteIfExists(file);
            }
            assertThat(SchemaComparator.compare(h2.reflector().reflect(c, null), model, h2)).as("offline, MODE=" + mode).isEmpty();
            if (oracle) {
                applyOnline(h2, c, ops(Engine.H2, op -> op.addColumn("everything", column("day", DATE))));
                assertThat(h2.reflector().reflect(c, null).table("everything").orElseThrow().column("day").orElseThrow().type())
                        .isEqualTo(new SqlType(SqlType.Kind.TIMESTAMP, null, 0, null, false, null, null, null));
            }
            shutdown(c);
        }
    }

    /**
     * t49-2: the renderer's online look-ups (a table's JSON columns for bulkInsert, whether a column is an identity, the
     * keys over a dropped column) name a bare name as the database stores it. Previously, they used upper case, so
     * with {@code DATABASE_TO_LOWER=TRUE} they found nothing. A JSON text was then inserted as a JSON string, an
     * identity widened to BIGINT kept INTEGER's MAXVALUE, and the column of a two-column unique constraint could not
     * be dropped.
     */
    @ParameterizedTest(name = "URL settings [{0}]")
    @ValueSource(strings = {"", ";DATABASE_TO_LOWER=TRUE", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", ";DATABASE_TO_UPPER=FALSE"})
    void onlineLookupsFindBareNamesHoweverTheDatabaseFoldsThem(String settings) throws Exception {
        Dialect h2 = dialect(Engine.H2);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + java.util.UUID.randomUUID() + settings)) {
            applyOnline(h2, c, ops(Engine.H2, op -> {
                op.createTable("items", column("id", INTEGER).primaryKey().autoincrement(), column("doc", JSON),
                        column("a", INTEGER), column("b", INTEGER), unique("a", "b"));
                op.bulkInsert("items", List.of(row("id", 1, "doc", "{\"k\": 1}", "a", 1, "b", 2)));
                op.alterColumn("items", "id", a -> a.type(BIGINT));
                op.dropColumn("items", "b");
            }));
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT CAST(i.doc AS VARCHAR), col.IDENTITY_MAXIMUM"
                    + " FROM items i, INFORMATION_SCHEMA.COLUMNS col WHERE col.TABLE_SCHEMA = CURRENT_SCHEMA"
                    + " AND UPPER(col.TABLE_NAME) = 'ITEMS' AND UPPER(col.COLUMN_NAME) = 'ID'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the JSON document, not a JSON string").isEqualTo("{\"k\":1}");
                assertThat(rs.getLong(2)).as("the widened identity's MAXVALUE").isEqualTo(Long.MAX_VALUE);
            }
            shutdown(c);
        }
    }

    private static Connection open(String mode) throws Exception {
        return DriverManager.getConnection("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";MODE=" + mode);
    }

    private static void shutdown(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
