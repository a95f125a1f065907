package dev.retort.script;

import dev.retort.RetortException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project templates {@code retort init} offers, and the scaffold it writes. */
public final class ProjectTemplates {
    private ProjectTemplates() {
    }

    /**
     * One template.
     *
     * @param versionDirs folders under the script folder that hold revisions
     * @param databases   the database files its retort.toml names, relative to the config's folder
     */
    public record Template(String name, List<String> versionDirs, List<String> databases) {
        /** The first line of its README. */
        public String description() {
            return resource(name, "README").lines().findFirst().orElse("");
        }
    }

    public static final List<Template> TEMPLATES = List.of(
            new Template("generic", List.of("versions"), List.of("data/app.db")),
            new Template("multidb", List.of("main/versions", "reports/versions"), List.of("data/main.db", "data/reports.db")));

    public static Template get(String name) {
        for (Template t : TEMPLATES) if (t.name().equals(name)) return t;
        throw new RetortException("No such template '" + name + "'; available: "
                + String.join(", ", TEMPLATES.stream().map(Template::name).toList()));
    }

    /** What {@link #init} did, in order, for the command line to report. */
    public record Created(Path path, boolean directory, boolean skipped) {
    }

    /**
     * Creates {@code dir} (which must be missing or empty) with the template's files, its version
     * folders and a {@code data} folder beside the config file, and writes {@code configFile} unless it exists.
     * Everything that can be checked is checked before anything is made, and a failure half-way removes what was
     * made (t77-6): a retry after fixing the cause must not find a half-made folder "not empty".
     */
    public static List<Created> init(Path dir, Path configFile, String templateName) {
        Template t = get(templateName);
        Path target = dir.toAbsolutePath().normalize();
        Path config = configFile.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) throw new RetortException(target + " exists and is not a directory");
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new RetortException("Directory " + target + " already exists and is not empty");
                }
            } catch (IOException e) {
                throw dev.retort.IoErrors.failure("Cannot read " + target, e);
            }
        }
        if (Files.isDirectory(config)) {
            // t77: "already exists, skipping" left a project whose every command then failed "Is a directory"
            throw new RetortException("Cannot create the project in " + target + ": the config file " + config + " is a"
                    + " folder; name a file with -c (e.g. " + config.resolve("retort.toml") + "). Nothing was created");
        }
        boolean writeConfig = !Files.exists(config);
        String toml = writeConfig
                ? render(resource(t.name(), "retort.toml"), Map.of("script_location", tomlString(scriptLocation(config, target))))
                : null;
        List<Path> folders = new ArrayList<>();
        folders.add(target);
        for (String v : t.versionDirs()) folders.add(target.resolve(v));
        folders.add(config.getParent().resolve("data"));
        for (Path folder : folders) {
            Path inTheWay = fileInTheWay(folder);
            if (inTheWay != null) {
                throw new RetortException("Cannot create the project in " + target + ": " + inTheWay + " is a file, where"
                        + " init makes the folder " + folder + "; move it away (or pick another folder with DIR or -c)."
                        + " Nothing was created");
            }
        }
        List<Created> done = new ArrayList<>();
        List<Path> made = new ArrayList<>(); // what to remove on failure, parents included
        try {
            mkdir(target, done, made);
            for (String v : t.versionDirs()) {
                mkdir(target.resolve(v), done, made);
                // git keeps no empty folder: a clone committed before the first revision would lack it, and every
                // command would fail on the missing version location (the listing skips dot files)
                Path keep = target.resolve(v).resolve(".gitkeep");
                write(keep, "", done, made);
            }
            for (String file : List.of("script.java.template", "script.sql.template", "README")) {
                write(target.resolve(file), resource(t.name(), file), done, made);
            }
            mkdir(config.getParent().resolve("data"), done, made);
            if (writeConfig) {
                mkdir(config.getParent(), null, made);
                write(config, toml, done, made);
            } else {
                done.add(new Created(config, false, true));
            }
        } catch (IOException | RuntimeException e) {
            String left = undo(made);
            String cause = e instanceof IOException io ? dev.retort.IoErrors.describe(io) : e.getMessage();
            // one line naming what could not be made, as other commands say it (an unwritable folder, a full disk)
            throw new RetortException("Cannot create the project in " + target + ": " + cause
                    + (left == null ? "; nothing was left behind" : "; could not remove " + left + ": remove it by hand"), e);
        }
        return done;
    }

    /**
     * script_location as retort.toml gives it: relative to the config's folder, with '/' between the names. Built
     * from the path's names rather than by replacing backslashes: on Linux a backslash is part of a folder's name (t77-1).
     */
    private static String scriptLocation(Path config, Path target) {
        Path relative = config.getParent().relativize(target);
        List<String> names = new ArrayList<>();
        for (Path name : relative) names.add(name.toString());
        String location = String.join("/", names);
        if (location.isEmpty()) return ".";
        if (location.indexOf('\n') >= 0 || location.indexOf('\r') >= 0) {
            throw new RetortException("Cannot create the project in " + target + ": its path holds a line break, which"
                    + " retort.toml's script_location cannot hold; pick a folder name without one. Nothing was created");
        }
        if (location.contains("${")) {
            // the loader expands ${VAR} in every value and has no escape for it: the project would name another folder
            throw new RetortException("Cannot create the project in " + target + ": its path holds '${', which"
                    + " retort.toml reads as a variable (${NAME}); pick a folder name without it. Nothing was created");
        }
        return location;
    }

    /** {@code value} as the inside of a TOML basic string (the templates put it between double quotes). */
    static String tomlString(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04X", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** The nearest existing ancestor of {@code folder} (or itself) when it is not a folder, else null. */
    private static Path fileInTheWay(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) return null;
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return p;
        }
        return null;
    }

    /** Makes {@code p} and its missing parents; reports {@code p} in {@code done} (when given) and keeps all in {@code made}. */
    private static void mkdir(Path p, List<Created> done, List<Path> made) throws IOException {
        if (Files.isDirectory(p)) return;
        List<Path> missing = new ArrayList<>();
        for (Path q = p; q != null && !Files.isDirectory(q); q = q.getParent()) missing.add(0, q);
        for (Path q : missing) {
            Files.createDirectory(q);
            made.add(q);
        }
        if (done != null) done.add(new Created(p, true, false));
    }

    private static void write(Path p, String text, List<Created> done, List<Path> made) throws IOException {
        Files.writeString(p, text, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        made.add(p);
        done.add(new Created(p, false, false));
    }

    /** Removes what init made, newest first; the first path that could not be removed, or null. */
    private static String undo(List<Path> made) {
        String left = null;
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(made.get(i));
            } catch (IOException e) {
                if (left == null) left = made.get(i).toString();
            }
        }
        return left;
    }

    /** A file of a template, from Retort's resources. */
    public static String resource(String template, String file) {
        String path = "/dev/retort/templates/" + template + "/" + file;
        try (InputStream in = ProjectTemplates.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces {@code ${name}} placeholders with {@code values}; placeholders without a value stay as
     * written (so {@code ${DATABASE_URL}} in a config comment survives). A line holding nothing but a
     * placeholder whose value is empty is removed.
     */
    public static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        for (String line : template.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("${") && stripped.endsWith("}") && stripped.indexOf('}') == stripped.length() - 1) {
                String key = stripped.substring(2, stripped.length() - 1);
                String v = values.get(key);
                if (v != null && v.isEmpty()) continue;
            }
            out.append(replace(line, values)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String replace(String line, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int start = line.indexOf("${", i);
            if (start < 0) break;
            int end = line.indexOf('}', start);
            if (end < 0) break;
            String key = line.substring(start + 2, end);
            String v = values.get(key);
            sb.append(line, i, start).append(v != null ? v : line.substring(start, end + 1));
            i = end + 1;
        }
        sb.append(line.substring(i));
        return sb.toString();
    }
}
