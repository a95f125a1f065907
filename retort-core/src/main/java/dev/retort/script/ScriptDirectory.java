package dev.retort.script;

import dev.retort.CacheFolders;
import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.graph.RevisionGraph;
import dev.retort.graph.RevisionHeader;
import dev.retort.migration.Migration;
import dev.retort.migration.Revision;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revision files of a project and the graph they form. Reading headers never compiles; Java
 * revisions are compiled (with the revision files they use, as one batch, cached) only when {@link #prepare} or
 * {@link #migration} is called for them.
 * <p>
 * Not thread-safe: one instance per command or per application start.
 */
public final class ScriptDirectory {
    private final RetortConfig config;
    private final List<RevisionScript> scripts;
    private final Map<String, RevisionScript> byId;
    private final Map<String, String> javaClassNames;
    private final Map<String, Class<? extends Migration>> classes = new HashMap<>();
    /** The text of SQL revisions read from the class path (they have no file to read again), by id. */
    private final Map<String, String> classpathSql;
    /** The Java revisions' classes, made on first need ({@link #addToLoader}). */
    private RevisionLoader revisionLoader;
    /** The files whose classes {@link #revisionLoader} has. */
    private final Set<RevisionScript> inLoader = java.util.Collections.synchronizedSet(new HashSet<>());
    private RevisionGraph graph;

    private ScriptDirectory(RetortConfig config, List<RevisionScript> scripts, Map<String, String> javaClassNames,
                            Map<String, Class<? extends Migration>> precompiled, Map<String, String> classpathSql) {
        this.config = config;
        this.classpathSql = Map.copyOf(classpathSql);
        this.scripts = List.copyOf(scripts);
        this.javaClassNames = Map.copyOf(javaClassNames);
        this.classes.putAll(precompiled);
        Map<String, RevisionScript> ids = new LinkedHashMap<>();
        boolean duplicates = false;
        for (RevisionScript s : scripts) {
            duplicates |= ids.putIfAbsent(s.id(), s) != null;
        }
        this.byId = ids;
        if (duplicates) {
            graph(); // throws: every duplicate, with the graph's other problems, each naming its files
        }
        failIfClassNamesCollide(precompiled);
    }

    /**
     * Two revisions declaring one class, refused whenever both files are seen: javac, compiling them together,
     * refuses the pair anyway, but a run that compiles only the newer file (the older one cached) would load and
     * run it, leaving a database that a later run, or a fresh checkout, cannot migrate either way.
     */
    private void failIfClassNamesCollide(Map<String, Class<? extends Migration>> precompiled) {
        Map<String, RevisionScript> byClass = new HashMap<>();
        List<String> collisions = new ArrayList<>();
        for (RevisionScript s : scripts) {
            String declared = s.kind() == RevisionScript.Kind.CLASSPATH && precompiled.containsKey(s.id())
                    ? precompiled.get(s.id()).getName() : javaClassNames.get(s.id());
            if (declared == null) continue;
            for (String name : declared.split(";")) {
                RevisionScript first = byClass.putIfAbsent(name, s);
                if (first != null && first != s) {
                    collisions.add(where(first) + " and " + where(s) + " both declare class " + name);
                }
            }
        }
        if (collisions.isEmpty()) return;
        throw new RetortException(String.join("\n", collisions) + "; each Java revision needs a class name of its own,"
                + " as all are compiled together: rename the class in one of the files (also in a revision that already"
                + " ran: nothing else changes, its upgrade and downgrade run as before; `retort check` reports the"
                + " file as edited since it was applied)");
    }

    /** Reads every revision file under the configured version locations (recursively). */
    public static ScriptDirectory load(RetortConfig config) {
        for (Path location : config.versionLocations()) {
            String configured = config.file() == null ? "" : " (configured in " + config.file() + ")";
            // asked, not Files.isDirectory, whose false also means "cannot be reached": a folder above that the
            // user may not enter (a container running as another user) is no missing folder (t15-5)
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(location, BasicFileAttributes.class);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new RetortException("Version location " + location + " does not exist" + configured);
            } catch (IOException e) {
                throw IoErrors.failure("Cannot list " + location, e);
            }
            if (!attrs.isDirectory()) {
                throw new RetortException("Version location " + location + " is not a folder" + configured);
            }
        }
        return of(config, List.of());
    }

    /**
     * Revision files of the version locations that exist, plus revisions compiled ahead of time
     * (see {@link ClasspathRevisions}); for applications that run without a JDK.
     */
    public static ScriptDirectory of(RetortConfig config, Collection<Class<? extends Migration>> precompiled) {
        return of(config, precompiled, List.of());
    }

    private static ScriptDirectory of(RetortConfig config, Collection<Class<? extends Migration>> precompiled,
                                      List<ClasspathRevisions.SqlResource> classpathSql) {
        List<RevisionScript> scripts = new ArrayList<>();
        Map<String, String> classNames = new HashMap<>();
        HeaderIndex index = null;
        // locations may overlap (a folder and one of its sub-folders, the same folder written twice or through a
        // link): each file is read once, the first location that reaches it wins
        Set<Path> seen = new HashSet<>();
        List<RuntimeException> errors = new ArrayList<>();
        for (Path location : config.versionLocations()) {
            if (!Files.isDirectory(location)) continue;
            if (index == null) index = HeaderIndex.read(indexFile(config));
            List<FileEntry> files = revisionFiles(location);
            if (config.versionLocations().size() > 1) { // one location overlaps none (~5 ms of a 1,000-revision start)
                Path abs = location.toAbsolutePath();
                Path real = realPath(location);
                files.removeIf(f -> !seen.add(real.resolve(abs.relativize(f.path()))));
            }
            Read[] reads = new Read[files.size()];
            List<Integer> toRead = new ArrayList<>();
            for (int i = 0; i < reads.length; i++) {
                FileEntry f = files.get(i);
                HeaderIndex.Entry e = f.attrs().isSymbolicLink() ? null : index.lookup(f.name(), f.attrs());
                if (e == null) {
                    toRead.add(i);
                } else {
                    reads[i] = new Read(RevisionScript.ofFile(e.header(), e.kind(), f.path(), e.transactional()),
                            e.className().isEmpty() ? null : e.className(), null);
                }
            }
            // many files: read and scan them on all cores; order and the first error stay deterministic
            (toRead.size() < 64 ? toRead.stream() : toRead.parallelStream())
                    .forEach(i -> reads[i] = readSafely(files.get(i).path()));
            long now = java.time.Instant.now().toEpochMilli() * 1_000_000L;
            for (int i : toRead) {
                Read r = reads[i];
                if (r.error() != null) {
                    errors.add(r.error());
                    continue;
                }
                FileEntry f = files.get(i);
                if (!f.attrs().isSymbolicLink()) {
                    RevisionScript s = r.script();
                    index.put(f.name(), f.attrs(), s.kind(), s.transactional(), r.className(), s.header(), now);
                }
            }
            for (Read r : reads) {
                if (r.error() != null) continue;
                scripts.add(r.script());
                if (r.className() != null) classNames.put(r.script().id(), r.className());
            }
        }
        if (index != null) index.writeIfChanged();
        failIfUnreadable(errors);
        Map<String, Class<? extends Migration>> compiled = new HashMap<>();
        for (Class<? extends Migration> c : precompiled) {
            RevisionScript s = ClasspathRevisions.script(c);
            scripts.add(s);
            compiled.put(s.id(), c);
        }
        Map<String, String> sqlTexts = new HashMap<>();
        for (ClasspathRevisions.SqlResource r : classpathSql) {
            try {
                String text = RevisionText.decode(r.bytes(), r.where());
                SqlRevisionParser.SqlRevision parsed = SqlRevisionParser.parse(text, r.where(), false);
                RevisionScript s = new RevisionScript(parsed.header(), RevisionScript.Kind.SQL, null, parsed.transactional(),
                        RevisionChecksums.sha256(r.bytes()));
                scripts.add(s);
                sqlTexts.putIfAbsent(s.id(), text);
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        failIfUnreadable(errors);
        return new ScriptDirectory(config, scripts, classNames, compiled, sqlTexts);
    }

    /**
     * Every file that cannot be read or parsed, reported together (one line each, naming the file), so that one
     * run shows them all. The graph is not checked then: the revisions of the broken files would show up as
     * missing, which is not the problem to fix.
     */
    private static void failIfUnreadable(List<RuntimeException> errors) {
        if (errors.size() == 1) throw errors.get(0);
        if (!errors.isEmpty()) {
            StringBuilder all = new StringBuilder();
            for (RuntimeException e : errors) all.append(all.length() == 0 ? "" : "\n").append(e.getMessage());
            RetortException combined = new RetortException(all.toString());
            for (RuntimeException e : errors) combined.addSuppressed(e);
            throw combined;
        }
    }

    /** Revision files under the version locations plus the classpath revisions of {@code packageName} / the index. */
    public static ScriptDirectory fromClasspath(RetortConfig config, ClassLoader loader, String packageName) {
        ClasspathRevisions.Found found = ClasspathRevisions.findAll(loader, packageName);
        return of(config, found.classes(), found.sql());
    }

    /**
     * Revision files under the version locations plus the classpath revisions of several packages (each found
     * through its class loader, and each one's index), every class and SQL file once.
     */
    public static ScriptDirectory fromClasspath(RetortConfig config, List<ClasspathRevisions.Location> locations) {
        java.util.LinkedHashSet<Class<? extends dev.retort.migration.Migration>> classes = new java.util.LinkedHashSet<>();
        java.util.Map<String, ClasspathRevisions.SqlResource> sql = new java.util.LinkedHashMap<>();
        for (ClasspathRevisions.Location l : locations) {
            ClasspathRevisions.Found found = ClasspathRevisions.findAll(l.loader(), l.packageName());
            classes.addAll(found.classes());
            for (ClasspathRevisions.SqlResource r : found.sql()) sql.putIfAbsent(r.name(), r);
        }
        return of(config, List.copyOf(classes), List.copyOf(sql.values()));
    }

    /**
     * The .java and .sql files below {@code location}, skipping dot-folders and dot-files (editor backups,
     * .git), sorted by path. One stat per entry, and a plain directory stream rather than
     * Files.walkFileTree, whose visitor machinery took twice as long on a cold JVM (~25 ms for 1,000 files).
     */
    private static List<FileEntry> revisionFiles(Path location) {
        List<FileEntry> out = new ArrayList<>();
        Path root = location.toAbsolutePath();
        try {
            collect(root, out);
        } catch (IOException e) {
            throw IoErrors.failure("Cannot list " + location, e);
        }
        out.sort((a, b) -> a.name().compareTo(b.name())); // not Comparator.comparing: see GraphBuilder.historyOrder
        return out;
    }

    /**
     * The location with links resolved, so that two spellings of one folder give the same file keys. One call
     * per location: the walk below it follows no folder links, so the files' keys are this plus their relative
     * path.
     */
    private static Path realPath(Path location) {
        try {
            return location.toRealPath();
        } catch (IOException e) {
            return location.toAbsolutePath().normalize();
        }
    }

    /**
     * A SQL revision's file name: {@code .sql} in any case ({@code .SQL} as Windows tools and export dialogs write it,
     * a difference case-insensitive file systems do not show). Java sources stay {@code .java}: javac reads no other.
     */
    static boolean isSqlFile(String name) {
        return name.regionMatches(true, name.length() - 4, ".sql", 0, 4);
    }

    private static void collect(Path dir, List<FileEntry> out) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String n = entry.getFileName().toString();
                if (n.startsWith(".")) continue;
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    collect(entry, out);
                } else if ((n.endsWith(".java") || isSqlFile(n))
                        && (attrs.isRegularFile() || attrs.isSymbolicLink() && linkedFile(entry))) {
                    out.add(new FileEntry(entry, attrs));
                } else if (attrs.isSymbolicLink() && Files.notExists(entry)) {
                    // a folder of revisions linked in (a submodule not checked out, a volume not mounted): links to
                    // folders are not followed, but one leading nowhere is said, not passed over without a word (r10-4)
                    org.slf4j.LoggerFactory.getLogger("dev.retort.script").warn("{} is a symbolic link to {}, which does"
                            + " not exist; revisions are not read through links to folders: copy or move them into the"
                            + " version location", entry, linkTarget(entry));
                }
            }
        }
    }

    /**
     * Whether a link named as a revision file leads to a file (a link to a folder is not followed). One whose
     * target cannot be read (a submodule not checked out, a volume not mounted) is a revision file that cannot be
     * read, not one to leave out without a word (t15-2).
     */
    private static boolean linkedFile(Path link) {
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(link, BasicFileAttributes.class);
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + link + " (a symbolic link to " + linkTarget(link) + ")", e);
        }
        return target.isRegularFile();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }

    /** A revision file and the attributes the walk read for it. */
    private record FileEntry(Path path, String name, BasicFileAttributes attrs) {
        FileEntry(Path path, BasicFileAttributes attrs) {
            this(path, path.toString(), attrs);
        }
    }

    /** One index per set of version locations, so that multidb sections sharing a cache do not evict each other. */
    private static Path indexFile(RetortConfig config) {
        StringBuilder key = new StringBuilder();
        for (Path location : config.versionLocations()) key.append(location.toAbsolutePath().normalize()).append('\n');
        // a name, not a security boundary: String's hash keeps MessageDigest (and the security providers it
        // initialises, ~10 ms on a cold JVM) off the start-up path
        return config.cacheDir().resolve("revision-index-" + Integer.toHexString(key.toString().hashCode()));
    }

    /** What reading one file gives: a script and, for Java, its class name. */
    private record Read(RevisionScript script, String className, RuntimeException error) {
    }

    private static Read readSafely(Path file) {
        try {
            return readFile(file);
        } catch (OutOfMemoryError e) {
            // a Java revision is read whole (a SQL one as a stream): a huge one names itself (t42-2)
            return new Read(null, null, dev.retort.OutOfMemory.reading(file.toAbsolutePath(), e));
        } catch (RuntimeException e) {
            return new Read(null, null, e);
        }
    }

    private static Read readFile(Path file) {
        Path abs = file.toAbsolutePath();
        if (isSqlFile(file.getFileName().toString())) {
            // read as a stream, the sections checked and not kept: a data revision is never held whole just to list
            // the graph (t42-2); running it reads it whole (sqlMigration)
            SqlRevisionParser.Header h;
            try {
                h = SqlRevisionParser.parseHeader(file, abs.toString());
            } catch (IOException e) {
                throw IoErrors.failure("Cannot read " + file, e);
            }
            return new Read(RevisionScript.ofFile(h.header(), RevisionScript.Kind.SQL, abs, h.transactional()), null, null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + file, e);
        }
        String where = abs.toString();
        String text = RevisionText.decode(bytes, where);
        JavaHeaderScanner.JavaHeader h = JavaHeaderScanner.scan(text, where);
        // the revision's class first, then the file's other top-level types, as the index keeps them
        String types = h.otherTypes().isEmpty() ? h.className() : h.className() + ";" + String.join(";", h.otherTypes());
        return new Read(RevisionScript.ofFile(h.header(), RevisionScript.Kind.JAVA, abs, h.transactional()), types, null);
    }

    private static String where(RevisionScript s) {
        return s.path() != null ? s.path().toString() : s.header().path();
    }

    public RetortConfig config() {
        return config;
    }

    /** The graph of all revisions; built on first use (throws GraphException naming files at fault). */
    public RevisionGraph graph() {
        if (graph == null) {
            List<RevisionHeader> headers = new ArrayList<>(scripts.size());
            for (RevisionScript s : scripts) headers.add(s.header());
            graph = RevisionGraph.of(headers);
        }
        return graph;
    }

    /** Every revision, in file-path order. */
    public List<RevisionScript> scripts() {
        return scripts;
    }

    /** The revision with exactly this id; throws naming it when there is none. */
    public RevisionScript script(String id) {
        RevisionScript s = byId.get(id);
        if (s == null) throw new dev.retort.graph.UnknownRevisionException(id);
        return s;
    }

    /**
     * Loads the Java revisions among {@code ids}, compiling (in one batch) those not in the cache, together with every
     * revision file they use ({@link JavaRevisionUses}): a helper class or a shared base class declared beside another
     * revision must be on javac's class path and in the class loader also when the database is past that other
     * revision (t29-1). Nothing when {@code ids} holds no Java revision, so that a project or a plan of SQL revisions
     * compiles and reads no Java file.
     */
    public void prepare(Collection<String> ids) {
        List<RevisionScript> toLoad = new ArrayList<>();
        for (String id : ids) {
            RevisionScript s = script(id);
            if (s.kind() == RevisionScript.Kind.JAVA && !classes.containsKey(id)) toLoad.add(s);
        }
        if (toLoad.isEmpty()) return;
        addToLoader(toLoad);
        for (RevisionScript s : toLoad) {
            classes.put(s.id(), loadRevisionClass(revisionLoader, s));
        }
    }

    /** Compiles (or finds in the cache) {@code needed} and the files they use, and adds their classes to the loader. */
    private synchronized void addToLoader(List<RevisionScript> needed) {
        Map<RevisionScript, List<String>> declared = new HashMap<>();
        for (RevisionScript s : scripts) {
            if (s.kind() == RevisionScript.Kind.JAVA) declared.put(s, declaredTypes(s.id()));
        }
        Map<RevisionScript, List<RevisionScript>> uses = JavaRevisionUses.of(needed, declared);
        for (RevisionScript s : uses.keySet()) {
            if (s.path().getFileSystem() != java.nio.file.FileSystems.getDefault()) {
                // a folder inside a jar (a zip file system): javac and the class loader need files on disk, and
                // the cache must not be written into the application's jar
                throw new RetortException(s.path().toUri() + ": a Java revision inside a jar is not compiled; compile it"
                        + " with the application and find it with the builder's .classpath(loader, package), or write"
                        + " it as a SQL revision");
            }
        }
        List<RevisionScript> files = List.copyOf(uses.keySet());
        JavaRevisionCompiler compiler = new JavaRevisionCompiler(CacheFolders.writable(config.cacheDir()), config.classpath());
        List<Path> outs = compiler.compile(files, uses);
        if (revisionLoader == null) revisionLoader = new RevisionLoader(configuredClasspath(), revisionParentLoader());
        for (int i = 0; i < files.size(); i++) {
            if (inLoader.add(files.get(i))) revisionLoader.add(files.get(i), outs.get(i));
        }
    }

    /**
     * The class loader of the Java revisions: the folders of the files a run needs and of those they use, and of any
     * other revision file when a class of it is first asked for by a name its source does not hold
     * ({@code Class.forName("Helper" + n)}), so that a revision sees every revision's classes whatever the run.
     * <p>
     * A class is looked for in the one cache folder of the file declaring it (its top-level type, as the header scan
     * listed it), found by name: not by URLClassLoader's walk over a URL per folder, which stat'ed every folder in
     * turn for every class, quadratic in the number of revisions (2,000 cached revisions took 15-30 s to load, t42-1).
     * The configured classpath stays this loader's URLs, for package-private access to its classes.
     */
    final class RevisionLoader extends URLClassLoader {
        /** The cache folder of each file whose classes this loader has. */
        private final Map<RevisionScript, Path> folders = new java.util.concurrent.ConcurrentHashMap<>();

        RevisionLoader(URL[] classpath, ClassLoader parent) {
            super("retort-revisions", classpath, parent);
        }

        void add(RevisionScript file, Path folder) {
            folders.put(file, folder);
        }

        /** How many cache folders this loader reads classes from (one per file added). */
        int folderCount() {
            return folders.size();
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            RevisionScript declaring = declaringFile(name);
            if (declaring == null) return super.findClass(name); // the configured classpath
            if (!inLoader.contains(declaring)) addToLoader(List.of(declaring));
            Path folder = folders.get(declaring);
            if (folder == null) return super.findClass(name);
            Path file = classFile(folder, name);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException e) {
                return super.findClass(name); // not compiled from that file after all
            } catch (IOException e) {
                throw new ClassNotFoundException(name + " (cannot read " + file + ": " + e.getMessage() + ")", e);
            }
            int dot = name.lastIndexOf('.');
            if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
                try {
                    definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefined) {
                    // by another thread in between
                }
            }
            URL location;
            try {
                location = folder.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
            // the folder as the class's code source, as URLClassLoader gave it
            return defineClass(name, bytes, 0, bytes.length, new java.security.CodeSource(location, (java.security.CodeSigner[]) null));
        }

        /** A compiled class of the files in this loader as a resource ({@code pkg/R_x.class}), else the classpath's. */
        @Override
        public URL findResource(String name) {
            URL own = ownClassFile(name);
            return own != null ? own : super.findResource(name);
        }

        @Override
        public java.util.Enumeration<URL> findResources(String name) throws IOException {
            URL own = ownClassFile(name);
            if (own == null) return super.findResources(name);
            List<URL> all = new ArrayList<>();
            all.add(own);
            all.addAll(java.util.Collections.list(super.findResources(name)));
            return java.util.Collections.enumeration(all);
        }

        private URL ownClassFile(String resource) {
            if (!resource.endsWith(".class")) return null; // the cache folders hold classes only
            String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
            RevisionScript declaring = declaringFile(name);
            Path folder = declaring == null ? null : folders.get(declaring);
            if (folder == null) return null;
            Path file = classFile(folder, name);
            try {
                return Files.isRegularFile(file) ? file.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                return null;
            }
        }

        private static Path classFile(Path folder, String binaryName) {
            return folder.resolve(binaryName.replace('.', '/') + ".class");
        }
    }

    /** The top-level types of the Java revision files, each with its file; made on first need. */
    private Map<String, RevisionScript> filesByType;

    /** The Java revision file declaring the top-level class of a binary name ({@code Outer$Inner}: Outer), or null. */
    private synchronized RevisionScript declaringFile(String binaryName) {
        if (filesByType == null) {
            Map<String, RevisionScript> byType = new HashMap<>();
            for (String id : javaClassNames.keySet()) {
                for (String type : declaredTypes(id)) byType.putIfAbsent(type, script(id));
            }
            filesByType = byType;
        }
        int dollar = binaryName.indexOf('$', binaryName.lastIndexOf('.') + 1);
        String topLevel = dollar > 0 ? binaryName.substring(0, dollar) : binaryName;
        return filesByType.get(topLevel);
    }

    /** The top-level types a Java revision file declares (qualified names), as its header scan listed them. */
    private List<String> declaredTypes(String id) {
        return List.of(javaClassNames.getOrDefault(id, "").split(";"));
    }

    /**
     * The loader compiled revisions are loaded under: the thread's context class loader (an application's or a
     * container's, which sees the application's classes, as javac did) when it sees the same Retort API, else
     * the one that loaded Retort.
     */
    private static ClassLoader revisionParentLoader() {
        ClassLoader retorts = Migration.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null || context == retorts) return retorts;
        try {
            if (Class.forName(Migration.class.getName(), false, context) == Migration.class) return context;
        } catch (ClassNotFoundException | LinkageError e) {
            // a loader that does not see Retort: the revisions could not extend its Migration
        }
        return retorts;
    }

    /** retort.toml's classpath, which the revisions were compiled against: in their loader, for package-private access. */
    private URL[] configuredClasspath() {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : config.classpath()) urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return urls.toArray(URL[]::new);
    }

    private Class<? extends Migration> loadRevisionClass(ClassLoader loader, RevisionScript s) {
        String name = javaClassName(s.id());
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RetortException(s.path() + ": compiled, but class " + name + " cannot be loaded: " + e, e);
        }
        if (!Migration.class.isAssignableFrom(c)) {
            throw new RetortException(s.path() + ": class " + name + " does not extend dev.retort.migration.Migration");
        }
        Revision r = c.getAnnotation(Revision.class);
        if (r != null && !r.id().equals(s.id()) && name.equals(javaClassName(r.id()))) {
            // the loader found the other file's class (compiled earlier, cached): the names collide
            RevisionScript other = script(r.id());
            throw new RetortException(s.path() + " and " + other.path() + " both declare class " + name
                    + "; each Java revision needs a class name of its own: rename one");
        }
        if (r == null || !r.id().equals(s.id())) {
            throw new RetortException(s.path() + ": class " + name + " does not carry @Revision(id = \"" + s.id() + "\")");
        }
        return c.asSubclass(Migration.class);
    }

    /**
     * Whether the revision has a downgrade, told without compiling anything (for dry runs): a SQL file
     * is read, a Java source scanned ({@link JavaHeaderScanner#declaresDowngrade}), a class-path revision
     * asked. Null when only compiling can tell: a Java class extending a class other than Migration.
     */
    public Boolean reversibleWithoutCompiling(String id) {
        RevisionScript s = script(id);
        if (s.kind() != RevisionScript.Kind.JAVA || classes.containsKey(id)) return migration(id).isReversible();
        try {
            return JavaHeaderScanner.declaresDowngrade(Files.readString(s.path(), StandardCharsets.UTF_8), s.path().toString());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + s.path(), e);
        }
    }

    /** The runnable migration of a revision: SQL revisions run their statements through {@code op.execute}. */
    public Migration migration(String id) {
        RevisionScript s = script(id);
        return switch (s.kind()) {
            case SQL -> sqlMigration(s);
            case JAVA, CLASSPATH -> {
                if (!classes.containsKey(id)) prepare(List.of(id));
                yield instantiate(s, classes.get(id));
            }
        };
    }

    private Migration sqlMigration(RevisionScript s) {
        if (s.path() == null) { // from the class path, read when found
            SqlRevisionParser.SqlRevision r = SqlRevisionParser.parse(classpathSql.get(s.id()), s.header().path());
            return new SqlMigration(s.id(), r.upgradeSql(), r.upgradeLine(), r.downgradeSql(), r.downgradeLine(), s.transactional());
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(s.path());
            text = RevisionText.decode(bytes, s.path().toString());
            s.checksumFrom(bytes); // the history row needs it: one read of the file instead of two
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + s.path(), e);
        } catch (OutOfMemoryError e) {
            text = null;
            throw dev.retort.OutOfMemory.reading(s.path(), e);
        }
        SqlRevisionParser.SqlRevision r = SqlRevisionParser.parse(text, s.path().toString());
        return new SqlMigration(s.id(), r.upgradeSql(), r.upgradeLine(), r.downgradeSql(), r.downgradeLine(), s.transactional());
    }

    private static Migration instantiate(RevisionScript s, Class<? extends Migration> c) {
        try {
            Constructor<? extends Migration> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new RetortException(where(s) + ": class " + c.getName() + " needs a constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new RetortException(where(s) + ": creating " + c.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new RetortException(where(s) + ": cannot create " + c.getName() + ": " + e, e);
        }
    }

    /** The Java class name the revision's source declares (null for SQL and classpath revisions). */
    public String javaClassName(String id) {
        String declared = javaClassNames.get(id);
        if (declared == null) return null;
        int end = declared.indexOf(';'); // the file's other top-level types follow
        return end < 0 ? declared : declared.substring(0, end);
    }
}
