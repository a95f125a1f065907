package dev.retort.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The names of the classes in a package and its sub-packages, as a class loader sees them: class folders
 * and jars both. Jars are also listed from the loaders' URLs, because a jar written without directory
 * entries has no resource for the package folder itself.
 */
final class PackageScanner {
    private PackageScanner() {
    }

    /** Binary class names under {@code pkg}, sorted; empty when the package is nowhere. */
    static Set<String> classNames(String pkg, ClassLoader loader) {
        String folder = pkg.replace('.', '/') + "/";
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder.substring(0, folder.length() - 1));
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("file")) {
                    fromFolder(Path.of(url.toURI()), pkg, names);
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        fromJar(jar, folder, names);
                    }
                }
            }
            for (Path jar : jarsOf(loader)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    fromJar(file, folder, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list package " + pkg + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** Whether the class file mentions a type descriptor, such as {@code Ljavax/persistence/Entity;} (a JPA 2 entity). */
    static boolean mentions(String className, ClassLoader loader, String descriptor) {
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in != null && new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(descriptor);
        } catch (IOException e) {
            return false;
        }
    }

    private static void fromFolder(Path root, String pkg, Set<String> names) throws IOException {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".class")).forEach(p -> {
                String relative = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".");
                add(pkg + "." + relative.substring(0, relative.length() - ".class".length()), names);
            });
        }
    }

    private static void fromJar(JarFile jar, String folder, Set<String> names) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(folder) && entry.endsWith(".class")) {
                add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'), names);
            }
        }
    }

    private static void add(String name, Set<String> names) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (simple.equals("package-info") || simple.equals("module-info") || name.contains("-")) return;
        names.add(name);
    }

    /** The jar files of the URL class loaders in the chain (the configured classpath, a test's loader). */
    private static Set<Path> jarsOf(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (!(l instanceof URLClassLoader u)) continue;
            for (URL url : u.getURLs()) {
                if (!url.getProtocol().equals("file")) continue;
                try {
                    Path p = Path.of(url.toURI());
                    if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) jars.add(p);
                } catch (URISyntaxException | IllegalArgumentException ignored) {
                    // not a local file: nothing to list
                }
            }
        }
        return jars;
    }
}
