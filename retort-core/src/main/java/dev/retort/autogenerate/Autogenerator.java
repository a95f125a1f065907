package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.graph.RevisionHeader;
import dev.retort.runtime.Connections;
import dev.retort.runtime.Retort;
import dev.retort.schema.SchemaModel;
import dev.retort.script.RevisionIds;
import dev.retort.script.ScriptDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code retort revision --autogenerate}: reflect the database, load the target model, compare, and write
 * a revision whose upgrade moves the database to the model and whose downgrade moves it back. An
 * empty comparison writes nothing (Alembic writes an empty file; we say so instead).
 */
public final class Autogenerator {
    private static final Logger LOG = LoggerFactory.getLogger(Autogenerator.class);

    private Autogenerator() {
    }

    /**
     * Choices of the revision command.
     *
     * @param revId        the new revision's id, or null for a fresh one
     * @param heads        the revisions it revises (--head), or empty for the graph's single head
     * @param branchLabels labels for the new revision
     * @param dependsOn    depends_on revisions
     * @param versionPath  the folder to write into, or null for the first version location
     * @param clock        for the creation date (tests pass a fixed one)
     */
    public record Options(String revId, List<String> heads, List<String> branchLabels, List<String> dependsOn,
                          Path versionPath, Clock clock) {
        public Options {
            heads = heads == null ? List.of() : List.copyOf(heads);
            branchLabels = branchLabels == null ? List.of() : List.copyOf(branchLabels);
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
            clock = clock == null ? Clock.systemUTC() : clock;
        }

        public static Options defaults() {
            return new Options(null, List.of(), List.of(), List.of(), null, Clock.systemUTC());
        }
    }

    /**
     * Writes the new revision file; empty when the model and the database agree (nothing written).
     *
     * @param sqlFile write a SQL revision rendered for the database's dialect instead of a Java one
     */
    public static Optional<Path> generate(RetortConfig config, ScriptDirectory scripts, String message, boolean sqlFile,
                                          Options options) {
        if (config.url() == null) throw new RetortException("autogenerate needs a database URL (url in retort.toml, --url or DATABASE_URL)");
        Dialect dialect = Dialects.forJdbcUrl(config.url());
        if (scripts != null) {
            Retort retort = Retort.of(config, scripts);
            if (retort.needsMigration()) throw new RetortException("Target database is not up to date.");
        }
        try (Connection c = Connections.open(config.url(), config.displayUrl(), false)) {
            SchemaComparator.Diff diff = diff(config, dialect, c);
            if (diff.isEmpty()) {
                LOG.info("No changes in schema detected; no revision file written.");
                return Optional.empty();
            }
            RevisionSource.Header header = header(scripts, message, options);
            String text = sqlFile ? RevisionSource.sql(header, diff, dialect, c) : RevisionSource.java(header, diff);
            Path file = target(config, header, options, sqlFile ? ".sql" : ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            LOG.info("Generating {} ... done", file);
            return Optional.of(file);
        } catch (SQLException e) {
            throw new RetortException("autogenerate on " + config.displayUrl() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetortException("cannot write the new revision: " + e.getMessage(), e);
        }
    }

    /** The comparison of the database behind {@code connection} with the configured model. */
    public static SchemaComparator.Diff diff(RetortConfig config, Dialect dialect, Connection connection) throws SQLException {
        String schema = config.versionTableSchema().isEmpty() ? null : config.versionTableSchema();
        SchemaModel db = dialect.reflector().reflect(connection, schema);
        SchemaModel model = loadModel(config, dialect, connection);
        return SchemaComparator.diff(db, model, dialect, SchemaFilter.of(config));
    }

    /** The target model named by {@code target_metadata}. */
    public static SchemaModel loadModel(RetortConfig config, Dialect dialect, Connection connection) {
        ClassLoader loader = classLoader(config);
        return ModelSources.load(config.targetMetadata(), new ModelContext(config, dialect, connection, loader));
    }

    private static ClassLoader classLoader(RetortConfig config) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (parent == null) parent = Autogenerator.class.getClassLoader();
        if (config.classpath().isEmpty()) return parent;
        List<URL> urls = new ArrayList<>();
        for (Path p : config.classpath()) {
            try {
                urls.add(config.baseDir().resolve(p).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new RetortException("classpath entry " + p + " is not usable: " + e.getMessage());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static RevisionSource.Header header(ScriptDirectory scripts, String message, Options options) {
        List<String> revises = new ArrayList<>(options.heads());
        if (revises.isEmpty() && scripts != null) {
            List<RevisionHeader> heads = scripts.graph().heads();
            if (heads.size() > 1) {
                throw new RetortException("Multiple heads are present; please specify the head revision on which the new "
                        + "revision should be based, or perform a merge.");
            }
            heads.forEach(h -> revises.add(h.id()));
        }
        String id = options.revId() != null ? options.revId() : RevisionIds.newId();
        String created = DateTimeFormatter.ISO_INSTANT.format(options.clock().instant().truncatedTo(ChronoUnit.SECONDS));
        return new RevisionSource.Header(id, revises, message == null ? "" : message, created, options.branchLabels(),
                options.dependsOn());
    }

    private static Path target(RetortConfig config, RevisionSource.Header h, Options options, String extension) {
        Path dir = options.versionPath() != null ? config.baseDir().resolve(options.versionPath())
                : config.versionLocations().get(0);
        ZonedDateTime t = ZonedDateTime.ofInstant(options.clock().instant(),
                ZoneId.of(config.timezone() == null || config.timezone().isBlank() ? "UTC" : config.timezone()));
        String slug = slug(h.message(), config.truncateSlugLength());
        String name = (config.fileTemplate() == null ? RetortConfig.DEFAULT_FILE_TEMPLATE : config.fileTemplate())
                .replace("{rev}", h.id()).replace("{slug}", slug)
                .replace("{epoch}", Long.toString(t.toEpochSecond()))
                .replace("{year}", String.format("%04d", t.getYear()))
                .replace("{month}", String.format("%02d", t.getMonthValue()))
                .replace("{day}", String.format("%02d", t.getDayOfMonth()))
                .replace("{hour}", String.format("%02d", t.getHour()))
                .replace("{minute}", String.format("%02d", t.getMinute()))
                .replace("{second}", String.format("%02d", t.getSecond()));
        return dir.resolve(name + extension);
    }

    static String slug(String message, int max) {
        String s = (message == null ? "" : message).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (s.length() > max) s = s.substring(0, max).replaceAll("_+$", "");
        return s.isEmpty() ? "revision" : s;
    }
}
