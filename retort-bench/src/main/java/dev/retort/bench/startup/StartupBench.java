package dev.retort.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whole-process start-up of {@code ./retort --version} against {@code java -version} measured in the
 * same run (the JVM's own floor), reported as medians and their ratio.
 * <p>
 * Run from the repository root: {@code mvn -B -q -pl retort-bench -am package -DskipTests &&
 * java -cp retort-bench/target/classes dev.retort.bench.startup.StartupBench [runs]}
 */
public final class StartupBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path root = Path.of("").toAbsolutePath();
        Path launcher = root.resolve("retort");
        if (!Files.isExecutable(launcher)) throw new IllegalStateException("run from the repository root");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        run(List.of(launcher.toString(), "--version")); // builds the jar and the class-data archive if needed
        run(List.of(launcher.toString(), "--version"));

        double baseline = median(runs, List.of(java, "-Xshare:auto", "-version"));
        double plainJar = median(runs, List.of(java, "-jar", root.resolve("retort-cli/target/retort.jar").toString(), "--version"));
        double retort = median(runs, List.of(launcher.toString(), "--version"));
        System.out.printf("java -version            %7.1f ms  (baseline)%n", baseline);
        System.out.printf("java -jar retort.jar     %7.1f ms  %.2fx%n", plainJar, plainJar / baseline);
        System.out.printf("./retort --version       %7.1f ms  %.2fx%n", retort, retort / baseline);
    }

    static double median(int runs, List<String> command) throws IOException, InterruptedException {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run(command);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) throw new IllegalStateException("failed: " + command);
    }
}
