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
}
