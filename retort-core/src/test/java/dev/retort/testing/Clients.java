package dev.retort.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The engines' command-line clients, for the tests that pipe an offline script into them as a DBA would. */
public final class Clients {
    private Clients() {
    }

    /** Runs {@code script} through the engine's command-line client; {@code clientOptions} go before the database. */
    public static void feed(Engine engine, TestDatabase db, String script, String... clientOptions)
            throws IOException, InterruptedException, SQLException {
        List<String> cmd = new ArrayList<>();
        switch (engine) {
            case SQLITE -> {
                cmd.add("sqlite3");
                cmd.add("-bail");
                cmd.addAll(List.of(clientOptions));
                cmd.add(db.url().substring("jdbc:sqlite:".length()));
            }
            case POSTGRESQL -> {
                cmd.addAll(TestDatabase.clientCommand("psql", Engine.POSTGRESQL, "-X", "-q", "-v", "ON_ERROR_STOP=1"));
                cmd.addAll(List.of(clientOptions));
                cmd.addAll(List.of("-d", db.name()));
            }
            case MARIADB -> {
                cmd.addAll(TestDatabase.clientCommand("mariadb", Engine.MARIADB));
                cmd.addAll(List.of(clientOptions));
                cmd.add(db.name());
            }
            default -> throw new IllegalArgumentException(engine.toString());
        }
        pipe(new ProcessBuilder(cmd).redirectErrorStream(true), script);
    }

    /** Pipes {@code script} into the client {@code pb} starts (skipped when it is not installed); it must exit 0. */
    public static void pipe(ProcessBuilder pb, String script) throws IOException, InterruptedException {
        List<String> cmd = pb.command();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Assumptions.abort(cmd.get(0) + " is not installed: " + e.getMessage());
            return;
        }
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(cmd.get(0) + " said:\n" + out + "\nscript:\n" + script).isZero();
    }
}
