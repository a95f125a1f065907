package dev.retort.cli.commands;

import dev.retort.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process against one project's retort.toml and captures the streams. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(all.toArray(String[]::new), o, e);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** As {@link #run}, with {@code --no-color} so golden texts carry no escape codes. */
    static CliRun runNoColor(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("--no-color"));
        all.addAll(List.of(args));
        return run(config, all.toArray(String[]::new));
    }
}
