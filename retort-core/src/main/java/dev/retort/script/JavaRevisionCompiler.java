package dev.retort.script;

import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.RetortVersion;
import dev.retort.migration.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Compiles Java revisions with the JDK's compiler ({@link Javac}), those not cached in one batch, into one cache folder per
 * file keyed by a hash of the file, the revision files it uses, the classpath and Retort's version, so that a second
 * run compiles nothing.
 */
final class JavaRevisionCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(JavaRevisionCompiler.class);
    private static final String COMPLETE_MARKER = ".complete";

    private final Path cacheRoot;
    private final List<Path> userClasspath;
    private final Supplier<Javac> compilers;

    JavaRevisionCompiler(Path cacheRoot, List<Path> userClasspath) {
        this(cacheRoot, userClasspath, JavaRevisionCompiler::systemJavac);
    }

    /** @param compilers the JDK's compiler, or null on a runtime without one (replaceable for tests) */
    JavaRevisionCompiler(Path cacheRoot, List<Path> userClasspath, Supplier<Javac> compilers) {
        this.cacheRoot = cacheRoot;
        this.userClasspath = List.copyOf(userClasspath);
        this.compilers = compilers;
    }

    /** {@link #compile(List, Map)} of revisions that use nothing of each other's. */
    List<Path> compile(List<RevisionScript> scripts) {
        return compile(scripts, Map.of());
    }

    /**
     * The folders holding the compiled classes of {@code scripts}, one per file, in their order, compiling those not cached
     * yet (in one batch, against the cached ones' classes). Each file has its own cache entry, keyed by its content
     * and that of the files it uses, so that an edit compiles that file and its users again, and nothing else.
     *
     * @param uses for each script, the others whose classes it may use ({@link JavaRevisionUses}); none when absent
     */
    List<Path> compile(List<RevisionScript> scripts, Map<RevisionScript, List<RevisionScript>> uses) {
        List<Path> classpath = compileClasspath();
        MessageDigest common = commonKey(classpathStamp(classpath, cacheRoot));
        Map<RevisionScript, Path> outs = new LinkedHashMap<>();
        List<RevisionScript> missing = new ArrayList<>();
        for (RevisionScript s : scripts) {
            Path out = cacheRoot.resolve(cacheKey(common, s, uses.getOrDefault(s, List.of())));
            outs.put(s, out);
            if (Files.isRegularFile(out.resolve(COMPLETE_MARKER))) {
                LOG.debug("{} found compiled in {}", s.path(), out);
            } else {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            missing.sort(Comparator.comparing(RevisionScript::id)); // javac's errors in one order, whatever the run
            // javac gets the cached classes of the files those it compiles use, not all: each folder on its class
            // path is one more listing for every name it looks up (a thousand made one new revision's compile slow)
            java.util.Set<RevisionScript> compiled = new java.util.HashSet<>(missing);
            java.util.Set<Path> withCached = new java.util.LinkedHashSet<>(classpath);
            for (RevisionScript s : missing) {
                for (RevisionScript used : uses.getOrDefault(s, List.of())) {
                    if (!compiled.contains(used) && outs.containsKey(used)) withCached.add(outs.get(used));
                }
            }
            compileMissing(missing, outs, List.copyOf(withCached));
        }
        return List.copyOf(outs.values());
    }

    /**
     * The revisions not compiled yet as a message names them, each with its file ({@code p6 (/app/mig/p6.java)}): an
     * operator whose runtime has no compiler must know which file was not shipped compiled (t33-4). Ten at most.
     */
    static String named(List<RevisionScript> missing) {
        List<String> each = new ArrayList<>();
        for (RevisionScript s : missing.subList(0, Math.min(10, missing.size()))) {
            each.add(s.id() + " (" + (s.path() != null ? s.path() : s.header().path()) + ")");
        }
        if (missing.size() == 1) return each.get(0);
        String more = missing.size() > each.size() ? " and " + (missing.size() - each.size()) + " more" : "";
        String list = more.isEmpty()
                ? String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1)
                : String.join(", ", each) + more;
        return missing.size() + " Java revisions, " + list;
    }

    private void compileMissing(List<RevisionScript> missing, Map<RevisionScript, Path> outs, List<Path> classpath) {
        Javac javac = compilers.get();
        if (javac == null) {
            throw new RetortException("No Java compiler available to compile " + named(missing)
                    + ": Retort is running on a Java runtime without the compiler (java.home="
                    + System.getProperty("java.home") + "). Run Retort with a JDK, or compile the revisions ahead "
                    + "of time and ship them on the application classpath (see 'Pre-compiled revisions' in "
                    + "docs/revision-files.md)");
        }
        LOG.info("Compiling {} Java revision(s)", missing.size());
        // javac passes over a missing entry without a word, and the revision's error is then only "package does not exist"
        for (Path entry : userClasspath) {
            if (!Files.exists(entry)) LOG.warn("The classpath entry {} (retort.toml's classpath) does not exist", entry);
        }
        Path root = cacheRoot;
        try {
            Files.createDirectories(cacheRoot);
        } catch (IOException e) {
            root = runOnlyFolder(e);
            for (RevisionScript s : missing) outs.put(s, root.resolve(outs.get(s).getFileName()));
        }
        Path tmp = root.resolve("tmp-" + UUID.randomUUID());
        // each source's classes go to a folder of their own, so each file can be cached on its own
        Map<Path, Path> tmpBySource = new HashMap<>();
        for (RevisionScript s : missing) {
            tmpBySource.put(normalized(s.path()), tmp.resolve(outs.get(s).getFileName()));
        }
        try {
            Files.createDirectories(tmp);
            javac.compile(missing.stream().map(RevisionScript::path).toList(), tmp, tmpBySource, classpath);
            for (RevisionScript s : missing) {
                Path compiled = tmpBySource.get(normalized(s.path()));
                Files.createDirectories(compiled);
                Files.writeString(compiled.resolve(COMPLETE_MARKER), RetortVersion.get());
                publish(compiled, outs.get(s));
            }
        } catch (IOException e) {
            throw IoErrors.failure("Cannot write the compile cache " + cacheRoot, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Where the classes go when no cache can be written (neither the project's {@code .retort/cache} nor the
     * user's cache: a read-only image run under an arbitrary UID without a home): a temporary folder for this run,
     * removed at its end. The cache is a speed-up; the revisions run without it, compiled on every run.
     */
    private Path runOnlyFolder(IOException cacheFailure) {
        try {
            Path folder = Files.createTempDirectory("retort-revisions-");
            LOG.info("No compile cache can be written (neither {} nor {}); compiling into {} for this run only (set "
                    + "XDG_CACHE_HOME to a writable folder to keep them)", cacheRoot, dev.retort.CacheFolders.standIn(cacheRoot),
                    folder);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder), "retort-revisions-cleanup"));
            return folder;
        } catch (IOException | RuntimeException e) {
            throw IoErrors.failure("Cannot write the compile cache " + cacheRoot + ", the user's cache "
                    + dev.retort.CacheFolders.standIn(cacheRoot) + " (set XDG_CACHE_HOME to a writable folder) or the "
                    + "temporary folder " + System.getProperty("java.io.tmpdir"), cacheFailure);
        }
    }

    static Path normalized(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Moves the freshly compiled folder into place; a concurrent run that got there first wins. */
    private static void publish(Path tmp, Path out) throws IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            if (!Files.isRegularFile(out.resolve(COMPLETE_MARKER))) {
                deleteQuietly(out);
                Files.move(tmp, out);
            }
        } catch (IOException e) {
            if (Files.isRegularFile(out.resolve(COMPLETE_MARKER))) return; // another run published it
            throw e;
        }
    }

    /**
     * The JDK's compiler, or null. An application's runtime image often lacks the java.compiler module
     * altogether: javax.tools is then looked for by name, and only {@link Javac} (loaded past this check)
     * names its types, so that revisions compiled before still load from the cache there.
     */
    private static Javac systemJavac() {
        try {
            Class.forName("javax.tools.ToolProvider", false, JavaRevisionCompiler.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return Javac.system();
    }

    /**
     * Retort's API (the jar or classes folder holding Migration) first, then the configured classpath, then the
     * class path Retort and the application run with (see {@link #applicationClasspath}), each entry once.
     */
    List<Path> compileClasspath() {
        java.util.LinkedHashSet<Path> cp = new java.util.LinkedHashSet<>();
        cp.add(apiLocation());
        cp.addAll(userClasspath);
        cp.addAll(applicationClasspath());
        return List.copyOf(cp);
    }

    /**
     * What a revision may use besides Retort's API, as it can at run time: the JDBC driver (a cast to pgjdbc's
     * PGConnection), SLF4J, the application's own classes. The JVM's class path ({@code java.class.path}) and
     * the jars and folders of the class loaders that load Retort and the application (the thread's context
     * class loader, a container's or a plugin's {@link java.net.URLClassLoader}). The command line's class path
     * is its own jar, which holds the drivers. Entries that are not files on disk (a fat jar's nested jars)
     * javac cannot read and are left out.
     */
    static List<Path> applicationClasspath() {
        java.util.LinkedHashSet<Path> out = new java.util.LinkedHashSet<>();
        String jcp = System.getProperty("java.class.path", "");
        for (String entry : jcp.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            if (entry.isBlank()) continue;
            try {
                out.add(Path.of(entry).toAbsolutePath().normalize());
            } catch (java.nio.file.InvalidPathException e) {
                // not a path javac could use either
            }
        }
        for (ClassLoader start : new ClassLoader[]{Thread.currentThread().getContextClassLoader(), Migration.class.getClassLoader()}) {
            for (ClassLoader l = start; l != null; l = l.getParent()) {
                if (!(l instanceof java.net.URLClassLoader u)) continue;
                for (java.net.URL url : u.getURLs()) {
                    if (!"file".equals(url.getProtocol())) continue;
                    try {
                        out.add(Path.of(url.toURI()).toAbsolutePath().normalize());
                    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                        // not a file javac could read
                    }
                }
            }
        }
        out.removeIf(p -> !Files.exists(p));
        return List.copyOf(out);
    }

    static Path apiLocation() {
        CodeSource source = Migration.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new RetortException("Cannot find where Retort's classes are loaded from, so Java revisions cannot be compiled");
        }
        return apiLocation(source.getLocation());
    }

    /**
     * Retort's jar or classes folder as a file javac can read. Loaded from anywhere else (a jar nested in a fat
     * jar, Spring Boot's {@code BOOT-INF/lib}: {@code jar:file:/app.jar!/BOOT-INF/lib/retort-core.jar!/}), Java
     * source revisions cannot be compiled: the message says what to do instead.
     */
    static Path apiLocation(java.net.URL location) {
        try {
            java.net.URI uri = location.toURI();
            if ("file".equals(uri.getScheme())) return Path.of(uri);
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // the message below
        }
        throw new RetortException("Java revisions cannot be compiled: Retort's classes are loaded from " + location
                + ", not from a jar file or folder on disk (a jar nested in a fat jar, such as Spring Boot's"
                + " BOOT-INF/lib), which the Java compiler cannot read. Compile the revisions into the application"
                + " and find them with the builder's .classpath(loader, package) (see 'Pre-compiled revisions' in"
                + " docs/revision-files.md), or write them as SQL revisions");
    }

    /** What every file's key starts with: Retort's and Java's versions and the class path, hashed once for all. */
    private static MessageDigest commonKey(String classpathStamp) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("retort " + RetortVersion.get() + "\njava " + Runtime.version().feature() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(classpathStamp.getBytes(StandardCharsets.UTF_8));
            return sha;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cacheKey(MessageDigest common, RevisionScript script, List<RevisionScript> uses) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) common.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e); // the JDK's SHA-256 clones
        }
        sha.update(("src " + script.path().getFileName() + " " + script.checksum() + "\n").getBytes(StandardCharsets.UTF_8));
        for (RevisionScript used : uses) {
            sha.update(("uses " + used.path().getFileName() + " " + used.checksum() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    /**
     * What of the class path a compiled revision depends on: each entry's path and its state. Computed once per
     * compile, for all the revisions.
     */
    static String classpathStamp(List<Path> classpath, Path cacheRoot) {
        StringBuilder out = new StringBuilder();
        for (Path p : classpath) out.append("cp ").append(p).append(' ').append(state(p, cacheRoot)).append('\n');
        return out.toString();
    }

    /**
     * A class path entry's state: a jar's modification time; for a classes folder (an IDE's or {@code mvn
     * exec:java}'s {@code target/classes}, an exploded Spring Boot {@code BOOT-INF/classes}) the number of its
     * {@code .class} files and the newest one's modification time, so that a revision compiled against the
     * application's classes is compiled again when they change (a constant javac inlined, a renamed method)
     * rather than running stale (r5-1). The command line's class path is its jar alone, which costs one stat.
     * Dot-folders (.git, .retort) and the compile cache are not looked into: the cache's own classes would
     * otherwise change the key of the next run.
     */
    private static String state(Path p, Path cacheRoot) {
        try {
            if (Files.isRegularFile(p)) return Long.toString(Files.getLastModifiedTime(p).toMillis());
            if (!Files.isDirectory(p)) return "0";
            long[] newestAndCount = {0L, 0L};
            Path skip = cacheRoot == null ? null : cacheRoot.toAbsolutePath().normalize();
            Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                    Path name = dir.getFileName();
                    boolean hidden = !dir.equals(p) && name != null && name.toString().startsWith(".");
                    boolean cache = skip != null && dir.toAbsolutePath().normalize().equals(skip);
                    return hidden || cache ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".class")) {
                        newestAndCount[0] = Math.max(newestAndCount[0], attrs.lastModifiedTime().toMillis());
                        newestAndCount[1]++;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            return "dir " + newestAndCount[1] + " " + newestAndCount[0];
        } catch (IOException e) {
            return "0";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
