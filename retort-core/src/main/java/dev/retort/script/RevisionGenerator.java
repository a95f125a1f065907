package dev.retort.script;

import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.graph.MultipleHeadsException;
import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes new revision files from the project's templates, with Alembic's rules for where a new
 * revision goes: on the single head by default; an error when several heads exist unless a head is
 * named or a merge is made; a non-head parent only with {@code splice}.
 */
public final class RevisionGenerator {


    /**
     * What to generate.
     *
     * @param message      the message (slug source); "empty message" when null or blank
     * @param sql          a SQL revision instead of a Java one
     * @param heads        parent targets ({@code head}, {@code base}, an id, {@code label@head}, {@code heads}, ...)
     * @param splice       allow parents that are not heads
     * @param branchLabels labels for the new revision
     * @param dependsOn    revisions (or labels) it depends on
     * @param revId        its id, or null for a new random one
     * @param versionPath  the version location to write into, or null to choose as Alembic does
     * @param upgrades     the upgrade body (already indented), or null for the template's empty body
     * @param downgrades   the downgrade body, or null
     * @param imports      extra import lines for Java revisions (e.g. {@code import java.util.List;})
     * @param nonTransactional the revision is marked to run outside a transaction ({@code transactional = false})
     */
    public record Request(String message, boolean sql, List<String> heads, boolean splice, List<String> branchLabels,
                          List<String> dependsOn, String revId, Path versionPath, String upgrades, String downgrades,
                          List<String> imports, boolean nonTransactional) {
        public Request {
            heads = heads == null || heads.isEmpty() ? List.of("head") : List.copyOf(heads);
            // a label given twice is one label, as Alembic keeps them in a set (t50-2: the list with the repeat
            // then differed from the file read back, which was blamed on the template)
            branchLabels = branchLabels == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(branchLabels));
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
            imports = imports == null ? List.of() : List.copyOf(imports);
        }

        /** A revision that runs in a transaction. */
        public Request(String message, boolean sql, List<String> heads, boolean splice, List<String> branchLabels,
                       List<String> dependsOn, String revId, Path versionPath, String upgrades, String downgrades,
                       List<String> imports) {
            this(message, sql, heads, splice, branchLabels, dependsOn, revId, versionPath, upgrades, downgrades, imports, false);
        }

        /** A plain new revision on {@code head}. */
        public static Request of(String message) {
            return new Request(message, false, List.of("head"), false, List.of(), List.of(), null, null, null, null, List.of());
        }
    }

    /** A file written: its revision id, parents and path. */
    public record Generated(String id, List<String> revises, Path path, String className) {
    }

    public static final String EMPTY_MESSAGE = "empty message";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final ScriptDirectory scripts;
    private final RetortConfig config;
    private final Clock clock;

    public RevisionGenerator(ScriptDirectory scripts, Clock clock) {
        this.scripts = scripts;
        this.config = scripts.config();
        this.clock = clock;
    }

    public Generated generate(Request req) {
        RevisionGraph graph = scripts.graph();
        String message = req.message() == null || req.message().isBlank() ? EMPTY_MESSAGE : req.message().strip();
        String id = req.revId() != null ? req.revId() : newUniqueId(graph);
        if (!RevisionIds.isValid(id)) {
            String grammar = id.chars().filter(ch -> "@-+:".indexOf(ch) >= 0).distinct()
                    .mapToObj(ch -> String.valueOf((char) ch)).collect(java.util.stream.Collectors.joining(", "));
            if (!grammar.isEmpty()) {
                // Alembic's wording
                throw new RetortException("Character(s) '" + grammar + "' not allowed in revision identifier '" + id + "'");
            }
            throw new RetortException("Invalid revision id '" + id + "': letters, digits and underscores only");
        }
        if (graph.get(id).isPresent()) {
            throw new RetortException("Revision id '" + id + "' already exists (" + graph.get(id).get().path() + ")");
        }
        for (RevisionHeader h : graph.revisions()) {
            // ids and labels are one namespace; the graph's own check read backwards here, naming the requested id
            // as the revision that used the label first (t61-5)
            if (h.branchLabels().contains(id)) {
                throw new RetortException("Revision id '" + id + "' is already a branch label of " + h.id() + " (" + h.path() + ")");
            }
        }

        List<RevisionHeader> parents = resolveParents(graph, req.heads(), "--head");
        if (!req.splice()) {
            for (RevisionHeader p : parents) {
                if (!graph.isHead(p.id())) {
                    throw new RetortException("Revision " + p.id() + " is not a head revision; please specify --splice "
                            + "to create a new branch from this revision");
                }
            }
        }
        for (String label : req.branchLabels()) {
            if (!RevisionIds.isValidLabel(label)) {
                throw new RetortException("Invalid branch label '" + label + "': " + RevisionIds.labelProblem(label)
                        + "; e.g. --branch-label feature_x");
            }
            for (RevisionHeader h : graph.revisions()) {
                if (h.branchLabels().contains(label)) {
                    throw new RetortException("Branch name '" + label + "' in revision " + id
                            + " already used by revision " + h.id());
                }
            }
        }
        List<String> depends = new ArrayList<>();
        Set<String> dependedOn = new java.util.HashSet<>();
        for (String dep : req.dependsOn()) {
            refuseDatabaseTarget(graph, dep, "--depends-on");
            String resolved = graph.resolveOne(dep, Set.of())
                    .orElseThrow(() -> new dev.retort.graph.UnknownRevisionException(dep)).id();
            // one revision named twice (again, or by a prefix or its label) is one dependency, as Alembic
            // de-duplicates them; the first spelling stays
            if (!dependedOn.add(resolved)) continue;
            // Alembic keeps a branch label as written and expands a partial id to the full one
            depends.add(graph.branchLabels(resolved).contains(dep) && !dep.equals(resolved) ? dep : resolved);
        }

        Path versionPath = versionPath(req.versionPath(), parents);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(config.zone())).truncatedTo(ChronoUnit.SECONDS);
        String slug = slug(message, config.truncateSlugLength());
        String fileName = fileName(config.fileTemplate(), id, slug, now) + (req.sql() ? ".sql" : ".java");
        dev.retort.config.FileTemplate.checkRendered(config.fileTemplate(), message, slug, fileName);
        Path path = versionPath.resolve(fileName).normalize();
        if (!path.startsWith(versionPath)) throw new RetortException("file_template leads outside " + versionPath + ": " + fileName);
        if (Files.exists(path)) throw new RetortException("File " + path + " already exists");

        List<String> revises = parents.stream().map(RevisionHeader::id).toList();
        // the graph's own checks (reserved words such as 'head' for an id or a label, ...) before any file
        // exists: a file they reject afterwards would stop every command of the project
        List<RevisionHeader> withNew = new ArrayList<>(graph.revisions());
        withNew.add(new RevisionHeader(id, revises, req.branchLabels(), depends, message, "", ""));
        RevisionGraph.of(withNew);
        String className = className(id, slug);
        String created = CREATED.format(now);
        String text = req.sql()
                ? renderSql(template("script.sql.template"), id, revises, message, created, req.branchLabels(), depends, req)
                : renderJava(template("script.java.template"), id, revises, message, created, req.branchLabels(), depends,
                className, req);
        if (!req.sql()) refuseMisnamedPublicType(text, path);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot write " + path, e);
        }
        // written beside it under a name no command reads, then moved into place: a write cut short (a full disk)
        // leaves no empty or partial revision behind that every later command would trip over (r10-5)
        Path partial = path.resolveSibling("." + path.getFileName() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the write's own failure is what the user needs to hear about
            }
            throw IoErrors.failure("Cannot write " + path, e);
        }
        try {
            verify(path, text, id, revises, req.branchLabels(), depends);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(path); // a file that misstates its revision must not stay behind
            } catch (IOException ignored) {
                // the message below still names it
            }
            throw e;
        }
        return new Generated(id, revises, path, req.sql() ? null : className);
    }

    /** A merge revision of {@code revisions} (ids, labels, {@code heads}, ...), which must name two or more. */
    public Generated merge(List<String> revisions, String message, String revId, List<String> branchLabels, boolean splice) {
        return merge(revisions, message, revId, branchLabels, splice, false);
    }

    /** A merge revision; {@code sqlFile} writes it as a SQL revision, for projects run where no compiler is (t16-5). */
    public Generated merge(List<String> revisions, String message, String revId, List<String> branchLabels, boolean splice,
                           boolean sqlFile) {
        RevisionGraph graph = scripts.graph();
        List<RevisionHeader> parents = resolveParents(graph, revisions, "merge");
        if (parents.size() < 2) {
            throw new RetortException("A merge needs two or more revisions; " + String.join(" ", revisions)
                    + (parents.isEmpty() ? " names none" : " names only " + parents.get(0).id()));
        }
        return generate(new Request(message, sqlFile, parents.stream().map(RevisionHeader::id).toList(), splice,
                branchLabels, List.of(), revId, null, null, null, List.of()));
    }

    private List<RevisionHeader> resolveParents(RevisionGraph graph, List<String> targets, String what) {
        LinkedHashSet<RevisionHeader> parents = new LinkedHashSet<>();
        for (String target : targets) {
            refuseDatabaseTarget(graph, target, what);
            if (graph.size() == 0 && (target.equals("head") || target.equals("heads") || target.equals("base"))) continue;
            Set<String> ids;
            try {
                ids = graph.resolve(target, Set.of());
            } catch (MultipleHeadsException e) {
                if (target.equals("head")) throw multipleHeads();
                throw e;
            }
            if (target.equals("head") && ids.size() > 1) throw multipleHeads();
            for (String id : ids) parents.add(graph.get(id).orElseThrow());
        }
        List<RevisionHeader> ordered = new ArrayList<>(parents);
        return ordered;
    }

    /**
     * Writing a revision connects to nothing, so {@code current} (or {@code -1}, {@code current+1}) would be read
     * against an empty database: {@code --head current} wrote a new base revision (t21-5).
     */
    private static void refuseDatabaseTarget(RevisionGraph graph, String target, String what) {
        if (graph.readsDatabase(target)) {
            throw new RetortException("'" + target.strip() + "' cannot be used with " + what + ": writing a revision does"
                    + " not connect to the database, so its current revision is unknown; name the revision"
                    + " ('retort current' prints it)");
        }
    }

    private static RetortException multipleHeads() {
        return new RetortException("Multiple heads are present; please specify the head revision on which the "
                + "new revision should be based, or perform a merge.");
    }

    private Path versionPath(Path requested, List<RevisionHeader> parents) {
        List<Path> locations = config.versionLocations();
        if (requested != null) {
            Path abs = config.baseDir().resolve(requested).toAbsolutePath().normalize();
            Path cwdAbs = requested.toAbsolutePath().normalize();
            for (Path l : locations) {
                Path ln = l.toAbsolutePath().normalize();
                if (ln.equals(abs) || ln.equals(cwdAbs)) return ln;
            }
            throw new RetortException("Path " + requested + " is not represented in current version locations ("
                    + String.join(", ", locations.stream().map(Path::toString).toList()) + ")");
        }
        if (locations.size() == 1) return locations.get(0).toAbsolutePath().normalize();
        for (RevisionHeader p : parents) {
            RevisionScript s = scripts.script(p.id());
            if (s.path() != null) {
                Path parentDir = s.path().getParent().toAbsolutePath().normalize();
                // the deepest location holding the parent: with nested locations (a folder and its sub-folder)
                // the new file joins its parent's sub-folder
                Path best = null;
                for (Path l : locations) {
                    Path ln = l.toAbsolutePath().normalize();
                    if (parentDir.startsWith(ln) && (best == null || ln.getNameCount() > best.getNameCount())) best = ln;
                }
                if (best != null) return best;
            }
        }
        throw new RetortException("Multiple version locations present, please specify --version-path");
    }

    private String newUniqueId(RevisionGraph graph) {
        String id;
        do {
            id = RevisionIds.newId();
        } while (graph.get(id).isPresent());
        return id;
    }

    private String template(String name) {
        Path own = config.scriptLocation() == null ? null : config.scriptLocation().resolve(name);
        if (own != null && Files.isRegularFile(own)) {
            try {
                return Files.readString(own, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw IoErrors.failure("Cannot read " + own, e);
            }
        }
        return ProjectTemplates.resource("generic", name);
    }

    private static String renderJava(String template, String id, List<String> revises, String message, String created,
                                     List<String> labels, List<String> depends, String className, Request req) {
        StringBuilder extra = new StringBuilder();
        if (!labels.isEmpty()) extra.append(",\n          branchLabels = ").append(javaArray(labels));
        if (!depends.isEmpty()) extra.append(",\n          dependsOn = ").append(javaArray(depends));
        if (req.nonTransactional()) extra.append(",\n          transactional = false");
        String revisesLiteral = revises.size() == 1 ? javaString(revises.get(0)) : javaArray(revises);
        return ProjectTemplates.render(template, Map.of(
                "id", id,
                "revises", revisesLiteral,
                "message", javaEscape(message),
                "created", created,
                "extra_elements", extra.toString(),
                "class_name", className,
                "imports", String.join("\n", req.imports()),
                "upgrades", req.upgrades() == null ? "" : stripTrailingNewline(req.upgrades()),
                "downgrades", req.downgrades() == null ? "" : stripTrailingNewline(req.downgrades())));
    }

    private static String renderSql(String template, String id, List<String> revises, String message, String created,
                                    List<String> labels, List<String> depends, Request req) {
        List<String> extra = new ArrayList<>();
        if (!labels.isEmpty()) extra.add("-- retort:branch-labels " + String.join(", ", labels));
        if (!depends.isEmpty()) extra.add("-- retort:depends-on " + String.join(", ", depends));
        if (req.nonTransactional()) extra.add("-- retort:transactional false");
        return ProjectTemplates.render(template, Map.of(
                "id", id,
                "revises", String.join(", ", revises),
                "message", message.replaceAll("\\s*[\\r\\n]+\\s*", " "),
                "created", created,
                "extra_headers", String.join("\n", extra),
                "upgrades", req.upgrades() == null ? "" : stripTrailingNewline(req.upgrades()),
                "downgrades", req.downgrades() == null ? "" : stripTrailingNewline(req.downgrades())));
    }

    /**
     * A template writing {@code public class ${class_name}} (an IDE's habit) gives a file javac refuses, as a public
     * class must sit in a file named after it, which {@code file_template}'s names never are: refused before the file
     * is written rather than by the next {@code upgrade}, perhaps in CI (t29-9).
     */
    private void refuseMisnamedPublicType(String text, Path path) {
        String fileName = path.getFileName().toString();
        String base = fileName.substring(0, fileName.length() - ".java".length());
        for (String type : JavaHeaderScanner.publicTypes(text, path.toString())) {
            if (type.equals(base)) continue;
            Path own = config.scriptLocation() == null ? null : config.scriptLocation().resolve("script.java.template");
            String template = own != null && Files.isRegularFile(own) ? own.toString() : "script.java.template";
            throw new RetortException("The template " + template + " makes class " + type + " public, which javac accepts"
                    + " only in a file named " + type + ".java, not " + fileName + " as file_template names it: remove"
                    + " 'public' from the template (a revision's class needs none); no file was written");
        }
    }

    /** Reads the written file back: a template that drops a header element would lose data silently. */
    private static void verify(Path path, String text, String id, List<String> revises, List<String> labels,
                               List<String> depends) {
        RevisionHeader h = path.toString().endsWith(".sql")
                ? SqlRevisionParser.parse(text, path.toString(), false).header()
                : JavaHeaderScanner.scan(text, path.toString()).header();
        String extra = path.toString().endsWith(".sql") ? "${extra_headers}" : "${extra_elements}";
        String what = !h.id().equals(id) ? "id" : !h.revises().equals(revises) ? "revises"
                : !h.branchLabels().equals(labels) ? "branch labels" : !h.dependsOn().equals(depends) ? "depends-on" : null;
        if (what == null) return;
        Object given = switch (what) {
            case "id" -> id;
            case "revises" -> revises;
            case "branch labels" -> labels;
            default -> depends;
        };
        Object written = switch (what) {
            case "id" -> h.id();
            case "revises" -> h.revises();
            case "branch labels" -> h.branchLabels();
            default -> h.dependsOn();
        };
        String placeholder = what.equals("id") ? "${id}" : what.equals("revises") ? "${revises}" : extra;
        boolean none = written instanceof List<?> l ? l.isEmpty() : written == null || written.toString().isEmpty();
        // t77: a template that writes labels of its own carries more than the command gave, not less
        throw new RetortException("Revision " + id + " specified " + what + " " + given + ", however the file " + path
                + " written from the template " + (none ? "does not carry them; does the project's template include "
                + placeholder + "?" : "carries " + written + ": the template writes its own; leave that to " + placeholder
                + " (the command's options)") + "; no file was kept");
    }

    /** Alembic's slug: the message's words, lowercased, joined by '_', cut at a word boundary. */
    public static String slug(String message, int truncate) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(message == null ? "" : message);
        while (m.find()) words.add(m.group());
        String slug = String.join("_", words).toLowerCase(Locale.ROOT);
        if (slug.length() > truncate) {
            String cut = slug.substring(0, truncate);
            int last = cut.lastIndexOf('_');
            slug = (last >= 0 ? cut.substring(0, last) : cut) + "_";
        }
        return slug;
    }

    /** {@code R_<id>_<CamelCaseSlug>}: a valid identifier, unique per revision id. */
    public static String className(String id, String slug) {
        StringBuilder sb = new StringBuilder("R_").append(id);
        StringBuilder camel = new StringBuilder();
        for (String w : slug.split("_")) {
            if (w.isEmpty()) continue;
            camel.appendCodePoint(Character.toUpperCase(w.codePointAt(0))).append(w.substring(Character.charCount(w.codePointAt(0))));
        }
        StringBuilder valid = new StringBuilder();
        camel.codePoints().filter(Character::isJavaIdentifierPart).forEach(valid::appendCodePoint);
        if (valid.length() > 0) sb.append('_').append(valid);
        return sb.toString();
    }

    /** The file name (without extension) from {@code file_template}. */
    public static String fileName(String template, String id, String slug, ZonedDateTime created) {
        Map<String, String> tokens = Map.of(
                "rev", id, "slug", slug,
                "epoch", Long.toString(created.toEpochSecond()),
                "year", String.format(Locale.ROOT, "%04d", created.getYear()),
                "month", String.format(Locale.ROOT, "%02d", created.getMonthValue()),
                "day", String.format(Locale.ROOT, "%02d", created.getDayOfMonth()),
                "hour", String.format(Locale.ROOT, "%02d", created.getHour()),
                "minute", String.format(Locale.ROOT, "%02d", created.getMinute()),
                "second", String.format(Locale.ROOT, "%02d", created.getSecond()));
        Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = tokens.get(m.group(1));
            if (v == null) {
                throw new RetortException("Unknown token {" + m.group(1) + "} in file_template '" + template
                        + "' (tokens: " + String.join(", ", dev.retort.config.FileTemplate.TOKENS) + ")");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String javaArray(List<String> values) {
        return "{" + String.join(", ", values.stream().map(RevisionGenerator::javaString).toList()) + "}";
    }

    private static String javaString(String s) {
        return "\"" + javaEscape(s) + "\"";
    }

    static String javaEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
