package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.runtime.Retort;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: columns made with the portable TIMESTAMP operations, a sql: model spelling date-times the engine's
 * own ways (TIMESTAMP, DATETIME, precisions, CURRENT_TIMESTAMP / now() / current_timestamp() defaults) ->
 * autogenerate a Java revision -> upgrade -> the drift check is clean (no perpetual drift), and the
 * revision's downgrade restores the start.
 */
class TimestampRoundTripIT {
    @TempDir
    Path dir;

    private static String model(Engine engine) {
        return switch (engine) {
            case MARIADB -> """
                    CREATE TABLE account (id INT PRIMARY KEY,
                        created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
                        updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                        seen_at DATETIME(6),
                        stamp TIMESTAMP(3) NULL DEFAULT current_timestamp(3),
                        plain_ts TIMESTAMP NULL,
                        born DATETIME(6) DEFAULT now(6));
                    """;
            case POSTGRESQL -> """
                    CREATE TABLE account (id INTEGER PRIMARY KEY,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                        updated_at timestamp(3) without time zone DEFAULT now(),
                        seen_at TIMESTAMPTZ,
                        stamp timestamp with time zone DEFAULT now(),
                        plain_ts TIMESTAMP(0),
                        born timestamp DEFAULT LOCALTIMESTAMP);
                    """;
            case H2 -> """
                    CREATE TABLE account (id INTEGER PRIMARY KEY,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                        updated_at TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
                        seen_at TIMESTAMP WITH TIME ZONE,
                        stamp TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
                        plain_ts TIMESTAMP(0),
                        born DATETIME DEFAULT LOCALTIMESTAMP);
                    """;
            case SQLITE -> """
                    CREATE TABLE account (id INTEGER PRIMARY KEY,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                        updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                        seen_at TIMESTAMPTZ,
                        stamp DATETIME DEFAULT (datetime('now')),
                        plain_ts TIMESTAMP,
                        born TEXT DEFAULT CURRENT_TIMESTAMP);
                    """;
        };
    }

    /** What the portable operations make: every column a TIMESTAMP (with time zone for two), no defaults. */
    private static SchemaModel start() {
        return SchemaBuilder.schema()
                .table("account", t -> t
                        .column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey())
                        .column("created_at", SqlType.timestamp(false))
                        .column("updated_at", SqlType.timestamp(false))
                        .column("seen_at", SqlType.timestamp(false))
                        .column("stamp", SqlType.timestamp(true))
                        .column("plain_ts", SqlType.timestamp(true))
                        .column("born", SqlType.timestamp(false), c -> c.serverDefault("CURRENT_TIMESTAMP")))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void modelFileAutogenerateUpgradeCheckIsClean(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            var dialect = Schemas.dialect(db);
            SchemaModel before = Schemas.reflect(db);
            Schemas.apply(db, SchemaComparator.compare(before, start(), dialect));
            SchemaModel started = Schemas.reflect(db);

            Path project = dir.resolve(engine.name().toLowerCase());
            Files.createDirectories(project.resolve("migrations/versions"));
            Files.writeString(project.resolve("schema.sql"), model(engine));
            RetortConfig config = AutogeneratorIT.config(project, db.url());
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);

            Optional<Path> rev = Autogenerator.generate(config, ScriptDirectory.load(config),
                    new RevisionGenerator.Request("timestamps", false, List.of("head"), false, List.of(), List.of(),
                            "ccccccccccc3", null, null, null, List.of()), clock).map(RevisionGenerator.Generated::path);
            assertThat(rev).as("the model differs from what the operations made").isPresent();
            String text = Files.readString(rev.get());

            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).extracting(dev.retort.ops.Operation::describe)
                    .as("drift after the autogenerated revision:\n%s", text).isEmpty();
            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "again", false))
                    .as("a second autogenerate finds nothing").isEmpty();

            if (engine != Engine.SQLITE) {
                // the engine's own column types, not only Retort's opinion of them: exactly the model's
                try (TestDatabase direct = TestDatabase.create(engine)) {
                    try (var c = direct.connect(); var st = c.createStatement()) {
                        st.execute(model(engine).strip().replaceAll(";$", ""));
                    }
                    assertThat(columnTypes(db)).as("revision:\n%s", text).isEqualTo(columnTypes(direct));
                }
            }

            Retort.of(config, ScriptDirectory.load(config)).downgrade("base");
            assertThat(SchemaComparator.diff(Schemas.reflect(db), started, dialect, SchemaFilter.of(config)).upgrade())
                    .extracting(dev.retort.ops.Operation::describe).as("downgrade restores the start:\n%s", text).isEmpty();
        }
    }

    /** column -> type name, size and fraction digits as JDBC reports them. */
    private static java.util.Map<String, String> columnTypes(TestDatabase db) throws java.sql.SQLException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var c = db.connect()) {
            String table = db.engine() == Engine.H2 ? "ACCOUNT" : "account";
            try (var rs = c.getMetaData().getColumns(c.getCatalog(), db.engine() == Engine.MARIADB ? null : c.getSchema(), table, "%")) {
                while (rs.next()) {
                    out.put(rs.getString("COLUMN_NAME").toLowerCase(), rs.getString("TYPE_NAME") + "/" + rs.getInt("COLUMN_SIZE")
                            + "/" + rs.getInt("DECIMAL_DIGITS"));
                }
            }
        }
        return out;
    }
}
