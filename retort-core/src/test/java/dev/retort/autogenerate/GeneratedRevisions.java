package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The autogenerate round-trip ITs' one way to write a revision: on head, a given id, a fixed clock (stable files). */
final class GeneratedRevisions {

    private GeneratedRevisions() {
    }

    static RevisionGenerator.Request request(String message, String id) {
        return new RevisionGenerator.Request(message, false, List.of("head"), false, List.of(), List.of(), id, null, null, null,
                List.of());
    }

    /** Generates the revision against the config's database and model, and returns its text. */
    static String generate(RetortConfig config, String message, String id) throws Exception {
        Path rev = Autogenerator.generate(config, ScriptDirectory.load(config), request(message, id),
                Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC)).orElseThrow().path();
        return Files.readString(rev);
    }

    /**
     * Generates the revision and writes the statements its TODOs give ({@code e.g. op.execute("...")}) into its
     * upgrade, as the user is asked to; returns the generated text (before the edit).
     */
    static String generateWritingTodos(RetortConfig config, String message, String id, int todos) throws Exception {
        String text = generate(config, message, id);
        List<String> calls = new java.util.ArrayList<>();
        for (int at = text.indexOf("op.execute(\""); at >= 0; at = text.indexOf("op.execute(\"", at + 1)) {
            calls.add(text.substring(at, text.indexOf("\")", at) + 2) + ";");
        }
        org.assertj.core.api.Assertions.assertThat(calls).as(text).hasSize(todos);
        Path rev;
        try (var files = Files.list(config.versionLocations().get(0))) {
            rev = files.filter(f -> f.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
        }
        String upgrade = "public void upgrade(Operations op) throws Exception {";
        org.assertj.core.api.Assertions.assertThat(text).as("the template's upgrade method").contains(upgrade);
        Files.writeString(rev, text.replace(upgrade, upgrade + "\n        " + String.join("\n        ", calls)));
        return text;
    }
}
