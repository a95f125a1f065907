package dev.retort.script;

import dev.retort.RetortException;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JDK's compiler, run on a batch of revision files. The only class of the cache's path that names
 * javax.tools types: it is loaded when something must be compiled, so that a runtime without the
 * java.compiler module can still load revisions compiled before (see {@link JavaRevisionCompiler}).
 */
final class Javac {
    private final JavaCompiler compiler;

    Javac(JavaCompiler compiler) {
        this.compiler = compiler;
    }

    /** The runtime's compiler, or null on a runtime with javax.tools but without jdk.compiler. */
    static Javac system() {
        JavaCompiler c = ToolProvider.getSystemJavaCompiler();
        return c == null ? null : new Javac(c);
    }

    /**
     * Compiles {@code sources} under {@code tmp}, each file's classes into its folder of {@code outBySource}
     * (keyed by normalized path); a compile error is a RetortException listing every error, one per line.
     */
    void compile(List<Path> sources, Path tmp, Map<Path, Path> outBySource, List<Path> classpath) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<JavaFileObject> units = JavaSources.forJavac(fm, sources);
            List<String> options = List.of("-d", tmp.toString(),
                    "-classpath", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                    "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-g", "-nowarn", "-Xlint:none",
                    "-parameters");
            StringWriter javacOut = new StringWriter();
            boolean ok = compiler.getTask(javacOut, new PerSourceOutput(fm, outBySource), diagnostics,
                    options, null, units).call();
            if (!ok) throw compileError(diagnostics, javacOut.toString());
        }
    }

    /** Sends the classes of each source file to that file's own folder (javac names the source as sibling). */
    private static final class PerSourceOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<Path, Path> outBySource;

        PerSourceOutput(StandardJavaFileManager fm, Map<Path, Path> outBySource) {
            super(fm);
            this.outBySource = outBySource;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) throws IOException {
            Path root = null;
            if (location == StandardLocation.CLASS_OUTPUT && sibling != null && "file".equals(sibling.toUri().getScheme())) {
                root = outBySource.get(JavaRevisionCompiler.normalized(Path.of(sibling.toUri())));
            }
            if (root == null) return super.getJavaFileForOutput(location, className, kind, sibling);
            Path file = root.resolve(className.replace('.', '/') + kind.extension);
            return fileManager.getJavaFileObjects(file).iterator().next();
        }
    }

    private static RetortException compileError(DiagnosticCollector<JavaFileObject> diagnostics, String javacOut) {
        StringBuilder sb = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            errors++;
            String file = d.getSource() == null ? "(javac)" : Path.of(d.getSource().toUri()).toString();
            sb.append("\n  ").append(file);
            if (d.getLineNumber() != Diagnostic.NOPOS) sb.append(':').append(d.getLineNumber());
            sb.append(": ").append(oneLine(d.getMessage(Locale.ROOT)));
        }
        if (errors == 0) sb.append("\n  ").append(javacOut.strip());
        return new RetortException("Java revisions do not compile (" + errors + " error" + (errors == 1 ? "" : "s")
                + "); nothing was run:" + sb);
    }

    /**
     * javac's message on one line: "cannot find symbol" alone does not say which, the lines below it do
     * ("symbol: variable INTEGR"), so they are kept, joined with "; ".
     */
    static String oneLine(String message) {
        return String.join("; ", message.lines()
                .map(l -> l.strip().replaceAll("\\s+", " ").replaceAll(";$", ""))
                .filter(l -> !l.isEmpty())
                .toList());
    }

}
