package dev.retort.script;

import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.graph.RevisionHeader;
import dev.retort.migration.Migration;
import dev.retort.migration.Revision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Revisions shipped on the application classpath, for applications that run without a JDK or ship as one
 * jar. Two ways to find them, used together:
 * <ul>
 *   <li>an index: every {@code META-INF/retort/revisions} resource on the classpath lists revision
 *       class names, one per line ({@code #} starts a comment); with a package named, only the entries in that
 *       package or below it are taken, so two databases' revisions listed in one application stay apart;</li>
 *   <li>a package scan: every class of a package (in folders or jars) annotated {@code @Revision}, and every
 *       {@code .sql} revision file of that package's folder ({@code com/example/migrations/*.sql}, or a resource
 *       folder named with slashes, {@code db/migration}). Directly in it: sub-packages are not scanned (a parent
 *       package would otherwise load every class below it).</li>
 * </ul>
 */
public final class ClasspathRevisions {
    /** The index resource: one fully qualified class name per line. */
    public static final String INDEX = "META-INF/retort/revisions";

    private ClasspathRevisions() {
    }

    /** A package (or slash-named resource folder) to scan, and the class loader to find it through. */
    public record Location(ClassLoader loader, String packageName) {
    }

    /** What the class path holds: revision classes, and SQL revision files read into memory. */
    public record Found(List<Class<? extends Migration>> classes, List<SqlResource> sql) {
    }

    /** A SQL revision file on the class path: its resource name ({@code db/migration/0001_init.sql}) and bytes. */
    public record SqlResource(String name, byte[] bytes) {
        /** How messages and the history name it. */
        public String where() {
            return "classpath:" + name;
        }
    }

    /**
     * The classes of the index resources plus, if {@code packageName} is not null, those of that package; with a
     * package, only the index entries in it or below it.
     */
    public static List<Class<? extends Migration>> find(ClassLoader loader, String packageName) {
        return findAll(loader, packageName).classes();
    }

    /**
     * The revision classes and SQL files of {@code packageName} and the index entries in that package or below it;
     * with a null package, every index entry. The index is filtered because every {@code META-INF/retort/revisions}
     * of the class loader is read, and an application with two databases lists both databases' revisions there:
     * each {@code .classpath(loader, package)} must take only its own (t33-1). Finding no revision at all, neither in
     * the package nor through the index, is an error, as a version location that does not exist is: a misspelt or
     * empty package would otherwise find nothing, and an application would start against an empty schema with its
     * start-up check saying "up to date". A package that holds none while the index lists some below it is fine:
     * the index is how revisions in sub-packages are shipped (r5-3).
     */
    public static Found findAll(ClassLoader loader, String packageName) {
        boolean scan = packageName != null && !packageName.isBlank();
        String prefix = scan ? folder(packageName).replace('/', '.') + "." : "";
        Set<String> names = new LinkedHashSet<>();
        for (String name : indexed(loader)) {
            if (name.startsWith(prefix)) names.add(name);
        }
        Scanned scanned = scan ? scan(loader, packageName) : new Scanned(List.of(), List.of());
        names.addAll(scanned.classNames());
        List<Class<? extends Migration>> out = new ArrayList<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new RetortException("Revision class " + name + " (listed in " + INDEX + " or found in package "
                        + packageName + ") cannot be loaded: " + e);
            }
            if (c.getAnnotation(Revision.class) == null) continue;
            if (!Migration.class.isAssignableFrom(c)) {
                throw new RetortException("Class " + name + " has @Revision but does not extend dev.retort.migration.Migration");
            }
            out.add(c.asSubclass(Migration.class));
        }
        if (scan && out.isEmpty() && scanned.sql().isEmpty()) {
            throw new RetortException("No revisions in package " + packageName + " on the class path of " + describe(loader)
                    + ": no @Revision class and no .sql revision file directly in " + packageName.replace('.', '/')
                    + (scanned.classNames().isEmpty() ? "" : " (it holds classes, none with @Revision)")
                    + ", and none listed in " + INDEX + " in it or its sub-packages. Check the package name;"
                    + " sub-packages are not scanned"
                    + " (list their classes in " + INDEX + ")"
                    + (loader instanceof URLClassLoader || loader == ClassLoader.getSystemClassLoader() ? ""
                    : ". This class loader does not say which jars it reads: a jar of it is searched only through its"
                    + " directory entry for " + packageName.replace('.', '/') + "/, which a jar written without"
                    + " directory entries (zip -D, some shading setups) lacks"));
        }
        return new Found(out, scanned.sql());
    }

    /** A class loader as messages name it: its name, or its class. */
    static String describe(ClassLoader loader) {
        if (loader == null) return "the bootstrap class loader";
        String name = loader.getName();
        return "class loader " + (name != null ? "'" + name + "' (" + loader.getClass().getName() + ")" : loader.toString());
    }

    /** Class names listed by the index resources. */
    static List<String> indexed(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(INDEX);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        int hash = line.indexOf('#');
                        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                        if (!name.isEmpty()) names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + INDEX, e);
        }
        return names;
    }

    /** What a package scan found: class names, and the SQL files. */
    record Scanned(List<String> classNames, List<SqlResource> sql) {
    }

    /**
     * The top-level and nested classes and the {@code .sql} files directly in {@code packageName}, from folders
     * and jars. A {@code .java} source there is refused: nothing compiles sources found on the class path.
     */
    static Scanned scan(ClassLoader loader, String packageName) {
        String dir = folder(packageName);
        String pkg = dir.replace('/', '.');
        List<String> names = new ArrayList<>();
        java.util.Map<String, SqlResource> sql = new java.util.TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            boolean folderFound = urls.hasMoreElements();
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                switch (url.getProtocol()) {
                    case "file" -> {
                        Path folder = Path.of(url.toURI());
                        List<Path> files;
                        try (Stream<Path> list = Files.list(folder)) {
                            files = list.filter(Files::isRegularFile).sorted().toList();
                        }
                        for (Path f : files) {
                            String n = f.getFileName().toString();
                            if (n.endsWith(".class")) names.add(pkg + "." + n.substring(0, n.length() - 6));
                            else if (n.endsWith(".sql")) sql.putIfAbsent(dir + "/" + n, new SqlResource(dir + "/" + n, Files.readAllBytes(f)));
                            else if (n.endsWith(".java")) throw javaSource(f.toString());
                        }
                    }
                    case "jar" -> {
                        JarURLConnection conn = (JarURLConnection) url.openConnection();
                        conn.setUseCaches(false);
                        try (JarFile jar = conn.getJarFile()) {
                            scanJar(jar, dir, names, sql);
                        }
                    }
                    default -> throw new RetortException("Cannot scan package " + packageName + " at " + url
                            + "; list the revision classes in " + INDEX + " instead");
                }
            }
            if (!folderFound) {
                // t58-4: a jar written without directory entries (zip -D, some shading and assembly setups) holds the
                // files but no entry for their folder, and the class loader finds a folder only through that entry;
                // the jars the loader reads from are searched for the files themselves. Only then (f11-4): a folder
                // found empty (a package whose revisions lie in sub-packages, listed in the index: r5-3) would have
                // every jar of the class path opened at each start
                for (Path jarFile : jarsOf(loader)) {
                    try (JarFile jar = new JarFile(jarFile.toFile())) {
                        scanJar(jar, dir, names, sql);
                    }
                }
            }
        } catch (IOException e) {
            throw IoErrors.failure("Cannot scan package " + packageName, e);
        } catch (URISyntaxException e) {
            throw new RetortException("Cannot scan package " + packageName + ": " + e.getMessage(), e);
        }
        return new Scanned(names, List.copyOf(sql.values()));
    }

    /** The classes and {@code .sql} files of {@code jar} directly in the folder {@code dir}, added to the two. */
    private static void scanJar(JarFile jar, String dir, List<String> names, java.util.Map<String, SqlResource> sql)
            throws IOException {
        List<String> found = new ArrayList<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String n = entry.getName();
            if (!n.startsWith(dir + "/") || n.indexOf('/', dir.length() + 1) >= 0 || entry.isDirectory()) continue;
            if (n.endsWith(".class")) {
                found.add(n.substring(0, n.length() - 6).replace('/', '.'));
            } else if (n.endsWith(".sql")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    sql.putIfAbsent(n, new SqlResource(n, in.readAllBytes()));
                }
            } else if (n.endsWith(".java")) {
                throw javaSource(n + " in " + jar.getName());
            }
        }
        found.stream().sorted().forEach(names::add);
    }

    /**
     * The jar files {@code loader} reads from, as far as they can be known: the URLs of it and its parents that are
     * {@link URLClassLoader}s, and the application class path when the system class loader is among them. A loader
     * of another kind does not say where it reads from.
     */
    static List<Path> jarsOf(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if (!"file".equals(url.getProtocol())) continue;
                    try {
                        jars.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a plain file: nothing to open
                    }
                }
            }
            if (l == system) {
                for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) jars.add(Path.of(entry));
                }
            }
        }
        return jars.stream().filter(Files::isRegularFile).toList();
    }

    /** The resource folder of a dotted package or slash-named folder: {@code com/example/migrations}. */
    private static String folder(String packageName) {
        String dir = packageName.strip().replace('.', '/');
        while (dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
        while (dir.startsWith("/")) dir = dir.substring(1);
        return dir;
    }

    private static RetortException javaSource(String where) {
        return new RetortException(where + ": a Java revision's source on the class path is not compiled; compile it"
                + " with the application (an @Revision class in that package) or write it as a SQL revision");
    }

    /** The revision a pre-compiled class declares; its checksum is the SHA-256 of the class file. */
    static RevisionScript script(Class<? extends Migration> c) {
        Revision r = c.getAnnotation(Revision.class);
        if (r == null) throw new RetortException("Class " + c.getName() + " has no @Revision annotation");
        String where = "classpath:" + c.getName();
        RevisionIds.check(r.id(), where);
        RevisionHeader header = new RevisionHeader(r.id(), List.of(r.revises()), List.of(r.branchLabels()),
                List.of(r.dependsOn()), r.message(), r.created(), where);
        return new RevisionScript(header, RevisionScript.Kind.CLASSPATH, null, r.transactional(), classChecksum(c));
    }

    private static String classChecksum(Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        ClassLoader loader = c.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : c.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? "" : RevisionChecksums.sha256(in.readAllBytes());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + resource, e);
        }
    }
}
