package dev.retort.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code ./retort} launcher's class-data archive: one per JDK, remade when the jar or that JDK is newer.
 * Every run here passes {@code -Xshare:on}, under which the JVM refuses to start with an archive it cannot
 * use (another JDK's, or one made from another jar) instead of silently starting without it.
 */
class LauncherIT {
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    /** What the launcher says while it trains an archive (a few seconds, once per build and JDK). */
    private static final String PREPARING = "retort: preparing fast start-up for this JDK";

    @TempDir
    Path dir;
    private Path jar;

    /** A copy of the launcher beside a copy of the built jar, so runs here leave the build's archives alone. */
    @BeforeEach
    void install() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path built = root.resolve("retort-cli/target/retort.jar");
        assertThat(built).as("the CLI jar (mvn package builds it before the integration tests)").isRegularFile();
        jar = Files.createDirectories(dir.resolve("retort-cli/target")).resolve("retort.jar");
        Files.copy(built, jar, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(root.resolve("retort"), dir.resolve("retort"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void eachJdkHasItsOwnArchive() throws Exception {
        Path home = thisJdk();
        Optional<Path> other = otherJdk(home);
        assumeTrue(other.isPresent(), "no second JDK (Java 17 or later) under " + JVMS + ": only one JDK to run");

        assertThat(runVersion(home)).contains(PREPARING);
        Path archive = archiveOf(home);
        FileTime made = Files.getLastModifiedTime(archive);

        assertThat(runVersion(other.get())).contains(PREPARING);
        assertThat(archiveOf(other.get())).isRegularFile();

        assertThat(runVersion(home)).doesNotContain(PREPARING);
        assertThat(Files.getLastModifiedTime(archive)).as("the first JDK's archive is kept, not remade").isEqualTo(made);
    }

    /** r7-11: -q ("warnings and errors only"), wherever it stands, silences the one-time notice; the archive is made. */
    @Test
    void quietRunsPrepareWithoutANotice() throws Exception {
        String text = runVersion(thisJdk(), "-q");
        assertThat(text).doesNotContain(PREPARING).startsWith("retort ");
    }

    /**
     * On JDK 25 and later the launcher trains an ahead-of-time cache (classes kept loaded and linked, JEP 483),
     * not a class list's static archive: the JVM says it uses AOT-linked classes from it.
     */
    @Test
    void aJdk25OrLaterGetsAnAheadOfTimeCache() throws Exception {
        Optional<Path> recent = jdk(25);
        assumeTrue(recent.isPresent(), "no JDK 25 or later under " + JVMS + ": the ahead-of-time cache is not tried");
        Path home = recent.get();
        assertThat(runVersion(home)).contains(PREPARING);
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/java").toString(), "-XX:SharedArchiveFile=" + archiveOf(home),
                "-Xshare:on", "-Xlog:aot", "-cp", jar.toString(), "-version").redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(text).contains("Using AOT-linked classes: true");
    }

    @Test
    void theArchiveIsRemadeWhenTheJdkOrTheJarIsNewer() throws Exception {
        Path home = thisJdk();
        runVersion(home);
        Path archive = archiveOf(home);

        // the JDK updated in place (same home, newer libjvm.so): the old archive would be refused
        FileTime jvm = Files.getLastModifiedTime(home.resolve("lib/server/libjvm.so"));
        FileTime old = FileTime.fromMillis(jvm.toMillis() - Duration.ofDays(1).toMillis());
        Files.setLastModifiedTime(archive, old);
        runVersion(home);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(old);

        // a newer jar: the JVM itself checks the jar's time, so -Xshare:on fails unless the archive is remade
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        runVersion(home);
    }

    /**
     * Without a locale (many containers and CI jobs) or with C/POSIX, JDK 17 took file names, arguments and
     * output as ASCII: a project under a non-ASCII path was "not found" ({@code /tmp/?? dir/retort.toml})
     * and messages lost their accents. The launcher takes such a locale as C.UTF-8.
     */
    @Test
    void aProjectUnderANonAsciiPathWorksWithoutALocale() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/locale/C.utf8")) || Files.isDirectory(Path.of("/usr/lib/locale/C.UTF-8")),
                "no C.UTF-8 locale on this machine");
        Path project = Files.createDirectories(dir.resolve("zoë project/migrations/versions"));
        Files.writeString(project.resolve("a.sql"), """
                -- retort:revision a1
                -- retort:message añadir índice

                -- retort:upgrade
                CREATE TABLE t (id INTEGER);
                """);
        Path config = Files.writeString(project.getParent().getParent().resolve("retort.toml"),
                "[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
        List<String[]> locales = new java.util.ArrayList<>(List.of(new String[][]{{}, {"LANG", "C"}, {"LC_ALL", "POSIX"}}));
        // t14-8: a locale that is set but not installed (LANG=en_US.UTF-8 in a container image) is C as well
        if (!Files.exists(Path.of("/usr/lib/locale/locale-archive")) && !Files.exists(Path.of("/usr/lib/locale/en_US.utf8"))
                && !Files.exists(Path.of("/usr/lib/locale/de_DE.utf8"))) {
            locales.addAll(List.of(new String[][]{{"LANG", "en_US.UTF-8"}, {"LC_ALL", "de_DE.UTF-8"}, {"LANG", "en_US"}}));
        }
        for (String[] locale : locales) {
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("retort").toString(), "-c", config.toString(), "upgrade", "head")
                    .redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
            if (locale.length > 0) pb.environment().put(locale[0], locale[1]);
            Files.deleteIfExists(config.resolveSibling("app.db"));
            Process p = pb.start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("locale %s:%n%s", List.of(locale), text).isZero();
            assertThat(text).as("locale %s", List.of(locale)).contains("Running upgrade  -> a1, añadir índice");
        }
    }

    /**
     * An installation the user cannot write to (shared, or a container image built as root and run as
     * another user): a stale archive beside the build made the launcher fail ("rm: cannot remove ...
     * Permission denied", exit 1), and a missing one made every command train for seconds. Now the
     * archive goes to the user's cache, or, without one, the command runs without an archive.
     */
    @Test
    void aUserWhoCannotWriteTheInstallationGetsAnArchiveOfTheirOwn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/su"))
                && Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"), "needs root, su and the user nobody");
        Path home = thisJdk();
        runVersion(home); // the build's archive, as root
        Path archive = archiveOf(home);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000)); // stale
        try (Stream<Path> all = Files.walk(dir)) { // readable for nobody, writable only by root
            for (Path p : all.toList()) {
                if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path cache = Files.createDirectories(dir.resolve("nobody-cache"));
        assertThat(new ProcessBuilder("chown", "nobody", cache.toString()).start().waitFor()).isZero();

        String first = asNobody("XDG_CACHE_HOME=" + cache, "--version");
        assertThat(first).contains(PREPARING).contains("retort ").doesNotContain("Permission denied");
        Path own = cache.resolve("retort/cds" + dir.toRealPath()).resolve(home.toRealPath().toString().substring(1) + ".jsa");
        assertThat(own).isRegularFile();
        assertThat(asNobody("XDG_CACHE_HOME=" + cache, "--version")).doesNotContain(PREPARING).contains("retort ");

        // no writable cache either: no archive, and no training on every run
        String without = asNobody("XDG_CACHE_HOME=/proc/no-cache", "--version");
        assertThat(without).doesNotContain(PREPARING).contains("retort ");
    }

    /**
     * t47-2: launchers started together on a fresh clone (make -j, parallel CI steps) ran Maven into the same
     * target/ at once and most failed. One builds now, the others wait for it and run the jar it made; with
     * flock(1) and, where there is none, with the launcher's lock folder. Maven here is a stand-in that fails
     * when another build is running and copies the real jar into place after a pause.
     */
    @Test
    void launchersStartedTogetherBuildOnce() throws Exception {
        for (boolean withFlock : new boolean[]{true, false}) {
            Files.deleteIfExists(jar);
            Path marks = Files.createDirectories(dir.resolve("marks-" + withFlock));
            Path bin = Files.createDirectories(dir.resolve("bin-" + withFlock));
            Path mvn = bin.resolve("mvn");
            Files.writeString(mvn, "#!/bin/sh\n"
                    + "mkdir '" + marks.resolve("running") + "' 2>/dev/null || { echo '[ERROR] two builds at once'; exit 1; }\n"
                    + "echo build >> '" + marks.resolve("builds") + "'\n"
                    + "sleep 2\n"
                    + "cp '" + Path.of("..").toAbsolutePath().normalize().resolve("retort-cli/target/retort.jar") + "' retort-cli/target/retort.jar.tmp\n"
                    + "mv retort-cli/target/retort.jar.tmp retort-cli/target/retort.jar\n"
                    + "rmdir '" + marks.resolve("running") + "'\n");
            assertThat(mvn.toFile().setExecutable(true)).isTrue();
            // the commands the launcher uses, flock among them or not
            for (String tool : new String[]{"sh", "dirname", "find", "mkdir", "cat", "sleep", "rm", "mktemp", "grep",
                    "head", "sed", "readlink", "mv", "cp", "rmdir", "ls", "flock"}) {
                if (tool.equals("flock") && !withFlock) continue;
                for (String folder : new String[]{"/usr/bin", "/bin"}) {
                    Path real = Path.of(folder, tool);
                    if (Files.isExecutable(real)) {
                        Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
                        break;
                    }
                }
            }
            if (withFlock) assumeTrue(Files.exists(bin.resolve("flock")), "no flock(1) here");
            List<Process> launchers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ProcessBuilder pb = new ProcessBuilder("/bin/sh", dir.resolve("retort").toString(), "--version")
                        .redirectErrorStream(true);
                pb.environment().put("PATH", bin.toString());
                pb.environment().put("JAVA_HOME", thisJdk().toString());
                launchers.add(pb.start());
            }
            for (Process p : launchers) {
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("flock %s: %s", withFlock, text).isZero();
                assertThat(text).as("flock %s", withFlock).contains("retort ").doesNotContain("ERROR");
            }
            assertThat(Files.readAllLines(marks.resolve("builds"))).as("flock %s", withFlock).hasSize(1);
            assertThat(dir.resolve("retort-cli/target/.retort-build.lock.d")).doesNotExist();
        }
    }

    /**
     * Launchers started together on a new build each trained the same archive (every one of them seconds of
     * training on the same two cores); now one trains and the others run at once without it. A folder a killed
     * training left behind does not stop training for ever: after ten minutes it is taken over.
     */
    @Test
    void launchersStartedTogetherTrainOnce() throws Exception {
        Path home = thisJdk();
        List<Process> launchers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("retort").toString(), "--version").redirectErrorStream(true);
            pb.environment().put("JAVA_HOME", home.toString());
            launchers.add(pb.start());
        }
        int trained = 0;
        for (Process p : launchers) {
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(text).isZero();
            assertThat(text).contains("retort ");
            if (text.contains(PREPARING)) trained++;
        }
        assertThat(trained).as("launchers that trained").isEqualTo(1);
        Path archive = archiveOf(home);
        assertThat(archive).isRegularFile();
        assertThat(Path.of(archive + ".training")).doesNotExist();

        // a training killed half-way left its folder: a fresh one is respected, a stale one taken over
        Files.delete(archive);
        Path left = Files.createDirectory(Path.of(archive + ".training"));
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("retort").toString(), "--version").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", home.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).startsWith("retort ");
        assertThat(archive).as("no training while another's folder is fresh").doesNotExist();
        Files.setLastModifiedTime(left, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofMinutes(11).toMillis()));
        assertThat(runVersion(home)).contains(PREPARING);
        assertThat(left).doesNotExist();
    }

    /** Without a built jar and without Maven, the launcher says what it needs instead of pointing at a log. */
    @Test
    void withoutAJarAndWithoutMavenTheLauncherSaysWhatItNeeds() throws Exception {
        Files.delete(jar);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname").toRealPath());
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(launcher(Map.of("PATH", bin.toString()), "--version"))
                .isEqualTo("retort: the command line is not built yet (or its sources changed), and building it needs "
                        + "Maven (mvn) on the PATH\n");
    }

    /** No Java to run: one line saying what is needed, not the shell's "exec: java: not found". */
    @Test
    void withoutJavaTheLauncherSaysWhatItNeeds() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname").toRealPath());
        assertThat(launcher(Map.of("PATH", bin.toString()), "--version"))
                .isEqualTo("retort: no java on the PATH; install a JDK 17 or later, or set JAVA_HOME\n");
        assertThat(launcher(Map.of("PATH", bin.toString(), "JAVA_HOME", "/nonexistent/jdk"), "--version"))
                .isEqualTo("retort: JAVA_HOME is /nonexistent/jdk, which has no bin/java; point it at a JDK 17 or later, or unset it\n");
    }

    /** {@code sh retort ARGS} with {@code env} replacing these variables; its output; fails unless it exits 1. */
    private String launcher(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", dir.resolve("retort").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isEqualTo(1);
        return text;
    }

    /** {@code retort ARG} as the user nobody, with {@code env} set; fails unless it exits 0. */
    private String asNobody(String env, String arg) throws IOException, InterruptedException {
        String command = "env " + env + " JAVA_HOME=" + thisJdk() + " " + dir.resolve("retort") + " " + arg;
        Process p = new ProcessBuilder("su", "nobody", "-s", "/bin/sh", "-c", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    /** Runs {@code retort --version} under that JDK; returns what it printed (stdout and stderr). */
    private String runVersion(Path javaHome, String... more) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve("retort").toString(), "--version"));
        command.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("RETORT_JAVA_OPTS", "-Xshare:on");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s with JAVA_HOME=%s:%n%s", List.of("retort", "--version"), javaHome, text).isZero();
        assertThat(text.replaceFirst("^" + PREPARING + "[^\n]*\n", ""))
                .startsWith("retort ").doesNotContain("building");
        assertThat(archiveOf(javaHome)).as("archive for " + javaHome).isRegularFile();
        return text;
    }

    /** Where the launcher keeps a JDK's archive: target/cds/ and the JDK's real home. */
    private Path archiveOf(Path javaHome) throws IOException {
        String real = javaHome.toRealPath().toString().substring(1);
        return dir.resolve("retort-cli/target/cds").resolve(real + ".jsa");
    }

    private static Path thisJdk() throws IOException {
        return Path.of(System.getProperty("java.home")).toRealPath();
    }

    /** Another JDK of Java 17 or later (a different real home), as Debian and Temurin install them. */
    private static Optional<Path> otherJdk(Path home) throws IOException {
        if (!Files.isDirectory(JVMS)) return Optional.empty();
        try (Stream<Path> homes = Files.list(JVMS)) {
            for (Path candidate : homes.sorted().toList()) {
                if (!Files.isExecutable(candidate.resolve("bin/java"))) continue;
                Path real = candidate.toRealPath();
                if (!real.equals(home) && feature(real) >= 17) return Optional.of(real);
            }
        }
        return Optional.empty();
    }

    /** A JDK of that feature release or later under /usr/lib/jvm (its real home). */
    private static Optional<Path> jdk(int atLeast) throws IOException {
        if (!Files.isDirectory(JVMS)) return Optional.empty();
        try (Stream<Path> homes = Files.list(JVMS)) {
            for (Path candidate : homes.sorted().toList()) {
                if (Files.isExecutable(candidate.resolve("bin/java")) && feature(candidate.toRealPath()) >= atLeast) {
                    return Optional.of(candidate.toRealPath());
                }
            }
        }
        return Optional.empty();
    }

    /** The feature release in the JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"} -> 25), or 0. */
    private static int feature(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) return 0;
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                int dot = v.indexOf('.');
                return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
            }
        }
        return 0;
    }
}
