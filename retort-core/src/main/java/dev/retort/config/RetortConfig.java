package dev.retort.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The resolved configuration of one run: file, {@code [env.X]} overlay, environment variables and
 * command-line flags already applied, paths already absolute. Validated once, up front.
 *
 * @param file                    the retort.toml it came from (null when built in code)
 * @param scriptLocation          the folder made by init (absolute)
 * @param versionLocations        folders holding revision files (absolute); none for revisions only on the class path
 * @param url                     the JDBC URL (12-factor URLs already converted); null if none given
 * @param displayUrl              the URL as shown to users, password masked
 * @param fileTemplate            new revision file names, e.g. {@code {rev}_{slug}} (tokens: rev slug epoch
 *                                year month day hour minute second; {@code /} makes sub-folders)
 * @param truncateSlugLength      longest slug in a file name
 * @param versionTable            version table name
 * @param versionTableSchema      its schema; the empty string (never null) when not set
 * @param historyTable            audit table name
 * @param lockTimeout             how long upgrade/downgrade/stamp wait for another run's lock
 * @param classpath               extra classpath entries for compiling and running Java revisions
 * @param x                       {@code -x key=value} arguments
 * @param autogenerateInclude     name globs autogenerate considers (empty = everything)
 * @param autogenerateExclude     name globs autogenerate ignores
 * @param databaseName            the {@code -n} database section of a multidb project, or null
 * @param autoMigrate             {@code auto_migrate}: whether an application embedding Retort should
 *                                upgrade to head at startup. Neither the CLI nor the library acts on it:
 *                                the application reads it ({@code retort.config().autoMigrate()}) and calls
 *                                {@code upgrade} itself
 * @param urlUnavailable          why {@code url} is null although the file gives one (its {@code ${VAR}} names an
 *                                unset variable: that error's message), or null. Commands that never connect do
 *                                not need the URL; those that do fail with this message (see {@link #requireUrl})
 * @param lockTimeoutSetIn        the table of {@code file} whose {@code lock_timeout} applies ({@code [env.ci]}), for
 *                                the advice to raise it; null when none sets it (the default applies)
 * @param sectionTables           the version and history tables of every {@code [databases.NAME]} section of
 *                                {@code file} (with the selected {@code --env}), which autogenerate and the drift
 *                                check leave out as Retort's own beside this run's two: sections may share a database,
 *                                and one section's tables are not the model's to drop (t33-3); empty without sections
 */
public record RetortConfig(Path file, Path scriptLocation, List<Path> versionLocations, String url, String displayUrl,
                           String fileTemplate, int truncateSlugLength, String versionTable,
                           String versionTableSchema, String historyTable, boolean transactionPerMigration,
                           String targetMetadata, String timezone, Duration lockTimeout, List<Path> classpath,
                           Map<String, String> x, List<String> autogenerateInclude,
                           List<String> autogenerateExclude, String databaseName, boolean autoMigrate,
                           String urlUnavailable, String lockTimeoutSetIn, List<String> sectionTables) {

    public static final String DEFAULT_FILE_TEMPLATE = "{rev}_{slug}";
    public static final int DEFAULT_TRUNCATE_SLUG_LENGTH = 40;
    public static final String DEFAULT_VERSION_TABLE = "retort_version";
    public static final String DEFAULT_HISTORY_TABLE = "retort_history";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    /** The longest wait every engine can be told (PostgreSQL's lock_timeout is an int of milliseconds, ~24.8 days). */
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    public RetortConfig {
        versionLocations = List.copyOf(versionLocations);
        classpath = List.copyOf(classpath);
        x = Map.copyOf(x);
        autogenerateInclude = List.copyOf(autogenerateInclude);
        autogenerateExclude = List.copyOf(autogenerateExclude);
        versionTableSchema = versionTableSchema == null ? "" : versionTableSchema;
        if (url != null) urlUnavailable = null;
        sectionTables = sectionTables == null ? List.of() : List.copyOf(sectionTables);
    }

    /**
     * The record's usual form, but with {@code url} masked and the values of {@code x} (a {@code -x pw=...}) as
     * {@code ***}: start-up code logs its settings object, and the generated form printed the JDBC URL's password
     * beside the masked {@code displayUrl} (t34-4). Read from the components, so that one added later is shown too.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("RetortConfig[");
        java.lang.reflect.RecordComponent[] components = RetortConfig.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object value = switch (name) {
                case "url" -> DatabaseUrls.mask(url);
                case "x" -> {
                    Map<String, String> shown = new java.util.TreeMap<>();
                    for (String key : x.keySet()) shown.put(key, "***");
                    yield shown;
                }
                default -> componentValue(components[i]);
            };
            out.append(i == 0 ? "" : ", ").append(name).append('=').append(value);
        }
        return out.append(']').toString();
    }

    private Object componentValue(java.lang.reflect.RecordComponent component) {
        try {
            return component.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e); // a record's own public accessor
        }
    }

    /** The original 18-field form (no multidb name, auto_migrate false). */
    public RetortConfig(Path file, Path scriptLocation, List<Path> versionLocations, String url, String displayUrl,
                        String fileTemplate, int truncateSlugLength, String versionTable,
                        String versionTableSchema, String historyTable, boolean transactionPerMigration,
                        String targetMetadata, String timezone, Duration lockTimeout, List<Path> classpath,
                        Map<String, String> x, List<String> autogenerateInclude,
                        List<String> autogenerateExclude) {
        this(file, scriptLocation, versionLocations, url, displayUrl, fileTemplate, truncateSlugLength, versionTable,
                versionTableSchema, historyTable, transactionPerMigration, targetMetadata, timezone, lockTimeout,
                classpath, x, autogenerateInclude, autogenerateExclude, null, false, null, null, List.of());
    }

    /**
     * Defaults for code that has no retort.toml (an application embedding Retort, tests): revisions in
     * {@code scriptLocation/versions}, the given JDBC URL (may be null), every other setting at its default.
     */
    public static RetortConfig of(Path scriptLocation, String jdbcUrl) {
        Path dir = scriptLocation.toAbsolutePath().normalize();
        return new RetortConfig(null, dir, List.of(dir.resolve("versions")), jdbcUrl, DatabaseUrls.mask(jdbcUrl),
                DEFAULT_FILE_TEMPLATE, DEFAULT_TRUNCATE_SLUG_LENGTH, DEFAULT_VERSION_TABLE, "", DEFAULT_HISTORY_TABLE,
                false, null, "UTC", DEFAULT_LOCK_TIMEOUT, List.of(), Map.of(), List.of(), List.of(), null, false, null, null, List.of());
    }

    /** The zone of {@link #timezone()}, read as {@link #zone(String)} reads it. */
    public java.time.ZoneId zone() {
        java.time.ZoneId zone = zone(timezone);
        if (zone == null) throw new dev.retort.RetortException("timezone is not a known time zone: '" + timezone + "'");
        return zone;
    }

    /**
     * The time zone named {@code name}, or null: a Java zone id ({@code Europe/Paris}, {@code UTC}, {@code +02:00}),
     * and, as in Alembic, whose {@code timezone} is a tz database name, also the tz database's {@code EST},
     * {@code MST} and {@code HST} (which Java keeps among its short ids) and the name upper-cased ({@code utc}),
     * which Alembic tries when the name as written is not found.
     */
    public static java.time.ZoneId zone(String name) {
        if (name == null || name.isBlank()) return null;
        for (String candidate : new String[]{name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try {
                return java.time.ZoneId.of(candidate, TZ_DATABASE_SHORT_IDS);
            } catch (java.time.DateTimeException e) {
                // next
            }
        }
        return null;
    }

    /**
     * The tz database's fixed-offset zones that Java's {@code ZoneId.of} knows only through its short ids; not the
     * other short ids ({@code PST}, {@code IST}, ...), which the tz database does not have and Alembic refuses.
     */
    private static final Map<String, String> TZ_DATABASE_SHORT_IDS = Map.of(
            "EST", java.time.ZoneId.SHORT_IDS.get("EST"),
            "MST", java.time.ZoneId.SHORT_IDS.get("MST"),
            "HST", java.time.ZoneId.SHORT_IDS.get("HST"));

    /** This configuration with another JDBC URL. */
    public RetortConfig withUrl(String jdbcUrl) {
        return new RetortConfig(file, scriptLocation, versionLocations, jdbcUrl, DatabaseUrls.mask(jdbcUrl),
                fileTemplate, truncateSlugLength, versionTable, versionTableSchema, historyTable,
                transactionPerMigration, targetMetadata, timezone, lockTimeout, classpath, x, autogenerateInclude,
                autogenerateExclude, databaseName, autoMigrate, null, lockTimeoutSetIn, sectionTables);
    }

    /**
     * The JDBC URL, for what needs one. Without one: {@code need} ("autogenerate needs a database URL") followed by
     * why the file's url gave none (an unset variable, named with the file), or else by {@code advice}, if any.
     */
    public String requireUrl(String need, String advice) {
        if (url != null) return url;
        throw new dev.retort.RetortException(urlUnavailable != null ? need + ": " + urlUnavailable
                : advice == null ? need : need + " (" + advice + ")");
    }

    /** This configuration with another schema model ({@code sql:FILE}, {@code class:NAME}, {@code jpa:PACKAGE}). */
    public RetortConfig withTargetMetadata(String model) {
        return new RetortConfig(file, scriptLocation, versionLocations, url, displayUrl, fileTemplate, truncateSlugLength,
                versionTable, versionTableSchema, historyTable, transactionPerMigration, model, timezone,
                lockTimeout, classpath, x, autogenerateInclude, autogenerateExclude, databaseName, autoMigrate,
                urlUnavailable, lockTimeoutSetIn, sectionTables);
    }

    /** This configuration with other version locations (absolute or relative to {@link #baseDir()}). */
    public RetortConfig withVersionLocations(List<Path> locations) {
        List<Path> abs = locations.stream().map(p -> baseDir().resolve(p).toAbsolutePath().normalize()).toList();
        return new RetortConfig(file, scriptLocation, abs, url, displayUrl, fileTemplate, truncateSlugLength,
                versionTable, versionTableSchema, historyTable, transactionPerMigration, targetMetadata, timezone,
                lockTimeout, classpath, x, autogenerateInclude, autogenerateExclude, databaseName, autoMigrate,
                urlUnavailable, lockTimeoutSetIn, sectionTables);
    }

    /** The folder the config file sits in: relative paths and SQLite URLs resolve against it. */
    public Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }

    /**
     * The project's cache folder: {@code .retort/cache} next to the config file, or, for a configuration
     * built in code, next to the script folder (never the current directory).
     */
    public Path cacheDir() {
        Path base = file == null && scriptLocation != null && scriptLocation.getParent() != null
                ? scriptLocation.getParent() : baseDir();
        return base.resolve(".retort").resolve("cache");
    }
}
