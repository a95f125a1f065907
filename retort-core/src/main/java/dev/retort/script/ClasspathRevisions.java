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
 * Revisions compiled ahead of time and shipped on the application classpath, for applications that
 * run without a JDK. Two ways to find them, used together:
 * <ul>
 *   <li>an index: every {@code META-INF/retort/revisions} resource on the classpath lists revision
 *       class names, one per line ({@code #} starts a comment);</li>
 *   <li>a package scan: every class of a package (in folders or jars) annotated {@code @Revision}.</li>
 * </ul>
 */
public final class ClasspathRevisions {
    /** The index resource: one fully qualified class name per line. */
    public static final String INDEX = "META-INF/retort/revisions";

    private ClasspathRevisions() {
    }

    /** The classes of the index resources plus, if {@code packageName} is not null, those of that package. */
    public static List<Class<? extends Migration>> find(ClassLoader loader, String packageName) {
        Set<String> names = new LinkedHashSet<>(indexed(loader));
        if (packageName != null && !packageName.isBlank()) names.addAll(scan(loader, packageName));
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
        return out;
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

    /** Names of the top-level and nested classes directly in {@code packageName}, from folders and jars. */
    static List<String> scan(ClassLoader loader, String packageName) {
        String dir = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                switch (url.getProtocol()) {
                    case "file" -> {
                        Path folder = Path.of(url.toURI());
                        try (Stream<Path> list = Files.list(folder)) {
                            list.map(p -> p.getFileName().toString())
                                    .filter(n -> n.endsWith(".class"))
                                    .sorted()
                                    .forEach(n -> names.add(packageName + "." + n.substring(0, n.length() - 6)));
                        }
                    }
                    case "jar" -> {
                        JarURLConnection conn = (JarURLConnection) url.openConnection();
                        conn.setUseCaches(false);
                        try (JarFile jar = conn.getJarFile()) {
                            List<String> found = new ArrayList<>();
                            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                                String n = e.nextElement().getName();
                                if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0) {
                                    found.add(n.substring(0, n.length() - 6).replace('/', '.'));
                                }
                            }
                            found.stream().sorted().forEach(names::add);
                        }
                    }
                    default -> throw new RetortException("Cannot scan package " + packageName + " at " + url
                            + "; list the revision classes in " + INDEX + " instead");
                }
            }
        } catch (IOException e) {
            throw IoErrors.failure("Cannot scan package " + packageName, e);
        } catch (URISyntaxException e) {
            throw new RetortException("Cannot scan package " + packageName + ": " + e.getMessage(), e);
        }
        return names;
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
            return in == null ? "" : ScriptDirectory.sha256(in.readAllBytes());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + resource, e);
        }
    }
}
