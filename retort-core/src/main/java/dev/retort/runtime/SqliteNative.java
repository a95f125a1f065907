package dev.retort.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * sqlite-jdbc copies its native library out of the jar into the temp folder on every start (a new file
 * each time), which is a good part of a short command's run time. This copies it once into a cache
 * folder keyed by the driver version and points the driver there. Anything unexpected: the driver's
 * own mechanism is left alone.
 */
final class SqliteNative {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    private SqliteNative() {
    }

    static void useCachedLibrary() {
        if (System.getProperty(PATH) != null || System.getProperty(NAME) != null) return; // the user decided
        try {
            String folder = nativeFolder();
            String name = System.mapLibraryName("sqlitejdbc");
            String resource = "/org/sqlite/native/" + folder + "/" + name;
            String version = org.sqlite.SQLiteJDBCLoader.getVersion(); // reads the jar's VERSION file only
            Path dir = dev.retort.CacheFolders.userRoot().resolve("sqlite-jdbc-" + version).resolve(folder.replace('/', '-'));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
                    if (in == null) return;
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, name, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty(PATH, dir.toString());
            System.setProperty(NAME, name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // fall back to the driver's own extraction
        }
    }

    /**
     * The driver's folder name for this platform ({@code Linux/x86_64}). On Linux the driver's own
     * {@code OSInfo} asks {@code uname -o} whether this is Android (Termux), which starts a process on
     * every command; a system without {@code /system/build.prop} is not Android, so the answer is known
     * without it. Anywhere else (and on Android) the driver decides as before.
     */
    private static String nativeFolder() {
        String os = System.getProperty("os.name", "");
        boolean plainLinux = os.contains("Linux") && !os.contains("Windows") && !os.contains("Mac")
                && !os.contains("Darwin") && !os.contains("AIX");
        if (!plainLinux || org.sqlite.util.OSInfo.isAndroidRuntime() || Files.exists(Path.of("/system/build.prop"))) {
            return org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
        }
        // same order as OSInfo.translateOSNameToFolderName: musl first, then Android (ruled out above)
        return (isMusl() ? "Linux-Musl" : "Linux") + "/" + org.sqlite.util.OSInfo.getArchName();
    }

    /**
     * The driver's own rule (a file mapped into this process has "musl" in its path) from one read of
     * {@code /proc/self/maps}: {@code OSInfo.isMusl} resolves every link in {@code /proc/self/map_files},
     * a few hundred in a JVM, which took ~4 ms of every SQLite command's start.
     */
    static boolean isMusl() {
        try {
            return mentionsMusl(Files.readString(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return org.sqlite.util.OSInfo.isMusl();
        }
    }

    static boolean mentionsMusl(String maps) {
        return maps.toLowerCase(Locale.ROOT).contains("musl");
    }
}
