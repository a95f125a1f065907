package dev.retort.dialect;

import dev.retort.dialect.registry.Dialects;
import dev.retort.migration.DefaultOperations;
import dev.retort.migration.MigrationContext;
import dev.retort.migration.Operations;
import dev.retort.ops.Operation;
import dev.retort.ops.OperationSink;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Test plumbing: collect operations from the API, apply them online, render and run them offline. */
final class OpsHarness {
    private OpsHarness() {
    }

    static Dialect dialect(Engine engine) {
        return Dialects.forName(engine.dialectName());
    }

    /** The operations a revision body emits. */
    static List<Operation> ops(Engine engine, Consumer<Operations> body) {
        List<Operation> out = new ArrayList<>();
        OperationSink sink = new OperationSink() {
            @Override public void accept(Operation operation) { out.add(operation); }
            @Override public Optional<Connection> connection() { return Optional.empty(); }
        };
        body.accept(new DefaultOperations(sink, MigrationContext.of(engine.dialectName(), true, Map.of())));
        return out;
    }

    /** Renders each operation against the live connection and runs it before rendering the next. */
    static void applyOnline(Dialect dialect, Connection c, List<Operation> ops) throws SQLException {
        // One transaction where the engine allows it, as a migration run would (and one commit is fast).
        boolean tx = dialect.transactionalDdl() && ops.stream().allMatch(Operation::transactional);
        c.setAutoCommit(!tx);
        try {
            OperationRenderer r = dialect.renderer(RenderContext.online(c));
            for (Operation op : ops) run(c, r.render(op));
            run(c, r.flush());
            if (tx) c.commit();
        } catch (SQLException | RuntimeException e) {
            if (tx) c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void run(Connection c, List<SqlStatement> statements) throws SQLException {
        for (SqlStatement st : statements) {
            try {
                if (st.params().isEmpty()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(st.sql());
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(st.sql())) {
                        for (int i = 0; i < st.params().size(); i++) ps.setObject(i + 1, st.params().get(i));
                        ps.execute();
                    }
                }
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\n  statement: " + st.sql(), e.getSQLState(), e);
            }
        }
    }

    /** The offline script: every statement inlined, terminated, blank line after (as --sql prints). */
    static String script(Dialect dialect, List<Operation> ops) {
        OperationRenderer r = dialect.renderer(RenderContext.offline());
        StringBuilder sb = new StringBuilder();
        List<SqlStatement> all = new ArrayList<>();
        for (Operation op : ops) all.addAll(r.render(op));
        all.addAll(r.flush());
        for (SqlStatement st : all) sb.append(dialect.inline(st)).append(dialect.statementTerminator()).append("\n\n");
        return sb.toString();
    }

    /** Runs a script as text with the engine's own client (psql, mysql, sqlite3) or H2's RUNSCRIPT. */
    static void runScript(TestDatabase db, String script) throws Exception {
        runScript(db, script, !script.contains("CONCURRENTLY"));
    }

    /** @param singleTransaction run the whole script as one transaction where the client can */
    static void runScript(TestDatabase db, String script, boolean singleTransaction) throws Exception {
        Path file = Files.createTempFile("retort-offline-", ".sql");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            switch (db.engine()) {
                case POSTGRESQL -> {
                    List<String> cmd = new ArrayList<>(dev.retort.testing.TestDatabase.clientCommand("psql", dev.retort.testing.Engine.POSTGRESQL, "-X", "-q", "-v",
                            "ON_ERROR_STOP=1", "-d", db.name(), "-f", file.toString()));
                    if (singleTransaction) cmd.add("--single-transaction");
                    exec(script, cmd, null);
                }
                case MARIADB -> exec(script, dev.retort.testing.TestDatabase.clientCommand("mysql", dev.retort.testing.Engine.MARIADB,
                        "--default-character-set=utf8mb4", db.name()), file);
                case H2 -> {
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        s.execute("RUNSCRIPT FROM '" + file.toString().replace("'", "''") + "' CHARSET 'UTF-8'");
                    }
                }
                // The sqlite3 shell, as a user would run it (foreign keys off, its default); -bail stops at the first error.
                case SQLITE -> exec(script, List.of("sqlite3", "-bail", db.url().substring("jdbc:sqlite:".length())), file);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void exec(String script, List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) pb.redirectInput(stdin.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("script timed out");
        }
        if (p.exitValue() != 0 || out.contains("ERROR") || out.contains("Error:")) {
            throw new AssertionError("offline script failed (" + command.get(0) + "): " + out + "\n--- script:\n" + script);
        }
    }
}
