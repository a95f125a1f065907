package dev.retort.dialect.sqlite;

import dev.retort.script.SqlSplitter;
import dev.retort.testing.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** Loads one of the shared SQLite schemas (../shared/schemas/sqlite/NAME.sql) into a connection. */
final class SqliteSchemas {
    private SqliteSchemas() {
    }

    static void load(Connection connection, String name) throws Exception {
        Path file = TestDatabase.schemasDir().resolve("sqlite/" + name + ".sql");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try (Statement s = connection.createStatement()) {
            for (String sql : SqlSplitter.sqlite().split(text)) {
                s.execute(sql);
            }
        }
    }
}
