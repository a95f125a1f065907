package dev.retort.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retort.IoErrors;
import dev.retort.RetortException;
import dev.retort.TextFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads retort.toml: the {@code [retort]} table, an {@code [env.NAME]} overlay, a {@code [databases.NAME]}
 * section (multidb), {@code [autogenerate]}, {@code ${VAR}} expansion and the URL precedence of SPEC section 2.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Keys of [retort] (and of [env.X] and [databases.X], which overlay it). */
    static final Set<String> RETORT_KEYS = Set.of("script_location", "version_locations", "url", "file_template",
            "truncate_slug_length", "version_table", "version_table_schema", "history_table",
            "transaction_per_migration", "target_metadata", "timezone", "lock_timeout", "classpath", "auto_migrate");
    static final Set<String> AUTOGENERATE_KEYS = Set.of("include", "exclude");
    static final Set<String> TOP_LEVEL = Set.of("retort", "env", "databases", "autogenerate");

    /** Warnings given once per process. */
    private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * @param file        the retort.toml
     * @param env         the {@code --env} overlay name, or null
     * @param name        the {@code -n} section for multidb projects, or null
     * @param urlOverride the {@code --url} flag, or null
     * @param environment environment variables (for RETORT_DATABASE_URL, DATABASE_URL and ${VAR})
     * @param x           {@code -x key=value} arguments
     */
    public static RetortConfig load(Path file, String env, String name, String urlOverride,
                                    Map<String, String> environment, Map<String, String> x) {
        return load(file, env, name, urlOverride, environment, x, Advice.COMMAND_LINE, false);
    }

    /**
     * As {@link #load(Path, String, String, String, Map, Map)}, with the caller's words and, for a caller that
     * may not need the URL, an unset {@code ${VAR}} in {@code url} kept for later.
     *
     * @param advice    how messages tell the caller to set things (the builder's methods, say)
     * @param urlMayWait whether an unset {@code ${VAR}} in {@code url} leaves the URL unset, its error kept in
     *                  {@link RetortConfig#urlUnavailable()} for what needs the URL (a command that connects,
     *                  offline SQL, which takes the dialect from it), rather than failing the load: the command
     *                  line's heads, history or revision never connect, an application with its own DataSource
     *                  needs no URL
     */
    public static RetortConfig load(Path file, String env, String name, String urlOverride,
                                    Map<String, String> environment, Map<String, String> x, Advice advice,
                                    boolean urlMayWait) {
        Path abs = file.toAbsolutePath().normalize();
        ObjectNode root = read(abs, advice);
        String where = abs.toString();
        checkKeys(root, TOP_LEVEL, "the top level", where);

        ObjectNode retort = table(root, null, "retort", where);
        if (retort == null) throw new RetortException("No [retort] table in " + where);
        checkKeys(retort, RETORT_KEYS, "[retort]", where);
        boolean fileHasClasspath = hasClasspath(root);
        checkValues(retort, where, fileHasClasspath, environment);
        ObjectNode autogen = table(root, null, "autogenerate", where);
        if (autogen != null) checkKeys(autogen, AUTOGENERATE_KEYS, "[autogenerate]", where);
        ObjectNode databases = table(root, null, "databases", where);
        if (databases != null) {
            for (Iterator<String> it = databases.fieldNames(); it.hasNext(); ) {
                String db = it.next();
                ObjectNode section = table(databases, "databases", db, where);
                checkKeys(section, RETORT_KEYS, "[databases." + db + "]", where);
                checkValues(section, "[databases." + db + "] of " + where, fileHasClasspath, environment);
            }
        }
        // Every overlay is checked on every load, selected or not: a typo in [env.production] found by a CI run of
        // `retort check` rather than by the deploy (t14-14)
        ObjectNode envs = table(root, null, "env", where);
        if (envs != null) {
            for (Iterator<String> it = envs.fieldNames(); it.hasNext(); ) {
                String e = it.next();
                ObjectNode overlay = table(envs, "env", e, where);
                Set<String> allowed = new TreeSet<>(RETORT_KEYS);
                allowed.add("autogenerate");
                allowed.add("databases");
                checkKeys(overlay, allowed, "[env." + e + "]", where);
                checkValues(overlay, "[env." + e + "] of " + where, fileHasClasspath, environment);
                ObjectNode envAutogen = table(overlay, "env." + e, "autogenerate", where);
                if (envAutogen != null) checkKeys(envAutogen, AUTOGENERATE_KEYS, "[env." + e + ".autogenerate]", where);
                ObjectNode envDbs = table(overlay, "env." + e, "databases", where);
                if (envDbs == null) continue;
                for (Iterator<String> dbs = envDbs.fieldNames(); dbs.hasNext(); ) {
                    String db = dbs.next();
                    String label = "[env." + e + ".databases." + db + "]";
                    ObjectNode envDb = table(envDbs, "env." + e + ".databases", db, where);
                    if (databases == null || databases.get(db) == null) {
                        // an overlay for no section is never applied: a typo ran production against the section's URL
                        throw new RetortException(label + " in " + where + " overlays no database section: "
                                + (databases == null ? "the file has no [databases.*] sections"
                                : "there is no [databases." + db + "]; sections: " + String.join(", ", names(databases))));
                    }
                    checkKeys(envDb, RETORT_KEYS, label, where);
                    checkValues(envDb, label + " of " + where, fileHasClasspath, environment);
                }
            }
        }

        checkTwoTables(retort, databases, envs, where, environment);
        JsonNode selectedEnv = envs == null || env == null ? null : envs.get(env);
        warnSharedHistory(retort, databases, selectedEnv, env, where, environment);

        // Effective settings: [retort] <- [databases.NAME] <- [env.E] <- [env.E.databases.NAME]
        ObjectNode effective = retort.deepCopy();
        ObjectNode effectiveAutogen = autogen == null ? root.objectNode() : autogen.deepCopy();
        // the table each effective key comes from: messages name it (t33-5: 'url' of which of a multidb file's
        // tables), and a timeout's advice to raise lock_timeout names that one (t26-5). [retort] is recorded for
        // that advice; a value's message names it by the file alone, as checkValues's do
        Map<String, String> setIn = new java.util.HashMap<>();
        setIn(setIn, retort, "[retort]");
        if (name != null) {
            ObjectNode db = databases == null ? null : (ObjectNode) databases.get(name);
            if (db == null) {
                throw new RetortException("No database section [databases." + name + "] in " + where
                        + (databases == null ? "" : "; sections: " + String.join(", ", names(databases))));
            }
            effective.setAll(db);
            setIn(setIn, db, "[databases." + name + "]");
        }
        if (env != null) {
            ObjectNode overlay = envs == null ? null : (ObjectNode) envs.get(env);
            if (overlay == null) {
                throw new RetortException("No environment [env." + env + "] in " + where
                        + (envs == null ? "" : "; environments: " + String.join(", ", names(envs))));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (RETORT_KEYS.contains(f.getKey())) {
                    effective.set(f.getKey(), f.getValue());
                    setIn.put(f.getKey(), "[env." + env + "]");
                }
            }
            ObjectNode envAutogen = table(overlay, "env." + env, "autogenerate", where);
            if (envAutogen != null) {
                checkKeys(envAutogen, AUTOGENERATE_KEYS, "[env." + env + ".autogenerate]", where);
                effectiveAutogen.setAll(envAutogen);
            }
            ObjectNode envDbs = table(overlay, "env." + env, "databases", where);
            if (envDbs != null && name != null && envDbs.get(name) != null) {
                ObjectNode envDb = table(envDbs, "env." + env + ".databases", name, where);
                checkKeys(envDb, RETORT_KEYS, "[env." + env + ".databases." + name + "]", where);
                effective.setAll(envDb);
                setIn(setIn, envDb, "[env." + env + ".databases." + name + "]");
            }
        }
        // A multidb project whose [retort] table names no database of its own needs -n
        if (name == null && databases != null && databases.size() > 0
                && !effective.has("url") && !effective.has("version_locations")) {
            throw new RetortException("This project has several databases (" + String.join(", ", names(databases))
                    + " in " + where + "); " + advice.database());
        }

        String lockTimeoutSetIn = setIn.get("lock_timeout");
        Values v = new Values(effective, where, environment, setIn);
        Path base = abs.getParent();
        String scriptLocationText = v.string("script_location", null);
        if (scriptLocationText == null) {
            throw new RetortException("No 'script_location' key found in [retort] of " + where);
        }
        Path scriptLocation = base.resolve(scriptLocationText).normalize();
        List<String> locationTexts = v.stringList("version_locations");
        List<Path> versionLocations = new ArrayList<>();
        if (locationTexts == null || locationTexts.isEmpty()) {
            versionLocations.add(scriptLocation.resolve("versions"));
        } else {
            for (String l : locationTexts) versionLocations.add(base.resolve(l).normalize());
        }

        // URL precedence: --url, then the environment, then the file (overlays already applied)
        String rawUrl = null;
        String urlUnavailable = null;
        String urlVariable = null; // the environment variable the URL came from, for messages naming the database
        if (urlOverride != null && urlOverride.isBlank()) {
            // typically --url "$PROD_URL" with the variable unset: falling back to the file's URL would
            // quietly migrate another database
            throw new RetortException(advice.urlOption() + " is empty (an unset variable?); give a database URL or leave "
                    + advice.urlOption() + " out");
        }
        if (urlOverride != null) {
            rawUrl = urlOverride;
        } else {
            // with -n, one variable per database (one cannot hold several)
            String variable = name != null
                    ? "RETORT_DATABASE_URL_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                    : nonBlank(environment.get("RETORT_DATABASE_URL")) != null ? "RETORT_DATABASE_URL"
                    : "DATABASE_URL";
            rawUrl = nonBlank(environment.get(variable));
            if (rawUrl != null) urlVariable = variable;
            if (rawUrl == null) {
                try {
                    rawUrl = v.string("url", null);
                    String empty = rawUrl == null || !rawUrl.isBlank() ? null : emptyReferences(effective.get("url"), environment);
                    if (empty != null) {
                        // t68-4: a CI secret that is missing sets the variable to "": "set url in retort.toml" was wrong
                        String message = "url in " + v.of("url") + " is empty: " + empty + "; set it, or give the URL with "
                                + advice.urlOption();
                        if (!urlMayWait) throw new RetortException(message);
                        urlUnavailable = message;
                    }
                } catch (UnsetVariable e) {
                    if (!urlMayWait) throw e;
                    urlUnavailable = e.getMessage();
                }
            } else {
                String overlayWithUrl = overlayWithUrl(envs, env, name);
                // not when the overlay's url is that same URL (url = "${DATABASE_URL}", the documented overlay): the
                // warning is for an overlay that names another database, and its advice would break this one
                if (overlayWithUrl != null && !sameUrl(rawUrl, v)) {
                    // on a PaaS host DATABASE_URL is the application's own database, and a stale RETORT_DATABASE_URL_MAIN
                    // on a host is another: say which one wins (once: a command that connects early reads its
                    // configuration twice)
                    String warning = overlayWithUrl + " in " + where + " sets url, but the environment variable " + variable
                            + " comes first (" + DatabaseUrls.mask(rawUrl) + "); unset " + variable + " to use "
                            + overlayWithUrl + "'s url, or pass " + advice.urlOption() + " with the one you mean";
                    if (WARNED.add(warning)) org.slf4j.LoggerFactory.getLogger("dev.retort.config").warn(warning);
                }
            }
        }
        // a multi-line TOML string or a pasted value may end in a line break, which split every message naming the URL
        rawUrl = rawUrl == null || rawUrl.isBlank() ? null : rawUrl.strip();
        String jdbcUrl;
        try {
            jdbcUrl = rawUrl == null ? null : DatabaseUrls.toJdbc(rawUrl, base);
        } catch (RetortException e) {
            // t77-3: a URL in no file the user reads (DATABASE_URL is often the application's, exported in the shell)
            if (urlVariable == null) throw e;
            throw new RetortException(fromVariable(urlVariable, effective, v) + ": " + e.getMessage(), e);
        }
        String displayUrl = DatabaseUrls.mask(rawUrl);
        if (urlVariable != null) {
            // every message naming the database ("Cannot connect to ...") then says where the URL came from (t77-3)
            displayUrl += " (from " + urlVariable + ")";
            // once, as the warning above: a command that connects early reads its configuration twice
            String line = "The database URL is " + fromVariable(urlVariable, effective, v);
            if (WARNED.add(line)) org.slf4j.LoggerFactory.getLogger("dev.retort.config").debug(line);
        }

        int truncate = truncateSlugLength(v, where);
        long lockSeconds = lockSeconds(v, where);
        List<Path> classpath = new ArrayList<>();
        List<String> cp = v.stringList("classpath");
        if (cp != null) for (String c : cp) classpath.add(base.resolve(c).normalize());
        String timezone = timezone(v, where);
        String fileTemplate = v.string("file_template", RetortConfig.DEFAULT_FILE_TEMPLATE);
        FileTemplate.check(fileTemplate, where);

        String versionTable = v.string("version_table", RetortConfig.DEFAULT_VERSION_TABLE);
        String historyTable = v.string("history_table", RetortConfig.DEFAULT_HISTORY_TABLE);
        // again with this run's variables, which the check of every selection above could not expand
        if (tableOrDefault(versionTable, RetortConfig.DEFAULT_VERSION_TABLE)
                .equalsIgnoreCase(tableOrDefault(historyTable, RetortConfig.DEFAULT_HISTORY_TABLE))) {
            throw twoTables(where, List.of(), tableOrDefault(versionTable, RetortConfig.DEFAULT_VERSION_TABLE));
        }

        String targetMetadata = nonBlank(v.string("target_metadata", null));
        // the whole-file check above leaves a value from a set variable to the table that applies it: this one
        checkTargetMetadata(targetMetadata, v.of("target_metadata"), fileHasClasspath);

        Values av = new Values(effectiveAutogen, where, environment);
        List<String> include = av.stringList("include");
        List<String> exclude = av.stringList("exclude");

        return new RetortConfig(abs, scriptLocation, versionLocations, jdbcUrl, displayUrl,
                fileTemplate, truncate,
                versionTable, v.string("version_table_schema", ""), historyTable,
                v.bool("transaction_per_migration", false),
                targetMetadata, timezone, Duration.ofSeconds(lockSeconds), classpath,
                x == null ? Map.of() : new LinkedHashMap<>(x),
                include == null ? List.of() : include, exclude == null ? List.of() : exclude,
                name, v.bool("auto_migrate", false), urlUnavailable, lockTimeoutSetIn,
                sectionTables(retort, databases, selectedEnv, where, environment));
    }

    /**
     * The version and history tables of every {@code [databases.NAME]} section, with the selected {@code --env}'s
     * overlays: Retort's own tables, whichever section runs (t33-3). A name with an unset variable is left out.
     */
    private static List<String> sectionTables(ObjectNode retort, ObjectNode databases, JsonNode overlay, String where,
                                              Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        if (databases == null) return out;
        for (String d : names(databases)) {
            List<JsonNode> layers = sectionLayers(retort, databases, overlay, d);
            String version = tableName(layers, "version_table", RetortConfig.DEFAULT_VERSION_TABLE, where, environment);
            String history = tableName(layers, "history_table", RetortConfig.DEFAULT_HISTORY_TABLE, where, environment);
            if (version != null) out.add(version);
            if (history != null) out.add(history);
        }
        return out;
    }

    /** The tables laid over each other for section {@code d}: [retort], [databases.d], [env.E], [env.E.databases.d]. */
    private static List<JsonNode> sectionLayers(ObjectNode retort, ObjectNode databases, JsonNode overlay, String d) {
        JsonNode envDb = overlay == null || overlay.get("databases") == null ? null : overlay.get("databases").get(d);
        return java.util.Arrays.asList(retort, databases.get(d), overlay, envDb);
    }

    /**
     * Refuses a version_table that is the history_table, for every selection of {@code --env} and {@code -n} (t23-1):
     * the run then read the version table as the history ("column seq does not exist"), and offline SQL created one
     * table and skipped the other. Names that differ only in case count as the same: SQLite and MySQL read them so.
     */
    private static void checkTwoTables(ObjectNode retort, ObjectNode databases, ObjectNode envs, String where,
                                       Map<String, String> environment) {
        List<String> dbNames = new ArrayList<>();
        dbNames.add(null);
        if (databases != null) dbNames.addAll(names(databases));
        List<String> envNames = new ArrayList<>();
        envNames.add(null);
        if (envs != null) envNames.addAll(names(envs));
        for (String e : envNames) {
            JsonNode overlay = e == null ? null : envs.get(e);
            for (String d : dbNames) {
                JsonNode db = d == null ? null : databases.get(d);
                JsonNode envDb = overlay == null || d == null || overlay.get("databases") == null ? null
                        : overlay.get("databases").get(d);
                List<JsonNode> layers = java.util.Arrays.asList(retort, db, overlay, envDb);
                // a name from a set variable is checked with the run's value, for the selection that applies it (t68-5)
                if (usesSetVariable(last(layers, "version_table"), environment)
                        || usesSetVariable(last(layers, "history_table"), environment)) continue;
                String version = tableName(layers, "version_table", RetortConfig.DEFAULT_VERSION_TABLE, where, Map.of());
                String history = tableName(layers, "history_table", RetortConfig.DEFAULT_HISTORY_TABLE, where, Map.of());
                if (version == null || !version.equalsIgnoreCase(history)) continue;
                List<String> selected = new ArrayList<>();
                if (e != null) selected.add("[env." + e + "]");
                if (d != null) selected.add("[databases." + d + "]");
                throw twoTables(where, selected, version);
            }
        }
    }

    /**
     * Warns when sections of one file name the same database (the same url text) and keep their versions apart with
     * different version tables but share one history table (t33-2): the history table has no column saying which
     * section wrote a row, so each section's edited-since-applied check ({@code check}, {@code editedSinceApplied()})
     * reads the other's checksum for a revision id both use. Not refused: the default names and the history table's
     * columns are a contract, and sections that never share an id are fine; the warning names the fix. Read with the
     * selected {@code --env}'s overlays; a url or table name with an unset variable is left out (it is not known).
     * Sections of one url text that share the version table itself are warned about too (t68-6): not refused, as
     * the url text may be a local default each section's RETORT_DATABASE_URL_NAME replaces where it runs.
     */
    private static void warnSharedHistory(ObjectNode retort, ObjectNode databases, JsonNode overlay, String env,
                                          String where, Map<String, String> environment) {
        if (databases == null || databases.size() < 2) return;
        // sections by (url text, history table, schema), each with its version table
        Map<List<String>, Map<String, String>> groups = new LinkedHashMap<>();
        Map<List<String>, String> historyOf = new LinkedHashMap<>();
        // sections by (url text, version table, schema): one version table for two sections (t68-6)
        Map<List<String>, List<String>> sameVersionTable = new LinkedHashMap<>();
        Map<List<String>, String> versionOf = new LinkedHashMap<>();
        for (String d : names(databases)) {
            List<JsonNode> layers = sectionLayers(retort, databases, overlay, d);
            JsonNode url = last(layers, "url");
            if (url == null || !url.isTextual() || url.asText().isBlank()) continue;
            String version = tableName(layers, "version_table", RetortConfig.DEFAULT_VERSION_TABLE, where, environment);
            String history = tableName(layers, "history_table", RetortConfig.DEFAULT_HISTORY_TABLE, where, environment);
            String schema = tableName(layers, "version_table_schema", "", where, environment);
            if (version == null || history == null || schema == null) continue;
            List<String> key = List.of(url.asText().strip(), history.toLowerCase(java.util.Locale.ROOT),
                    schema.toLowerCase(java.util.Locale.ROOT));
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(d, version);
            historyOf.putIfAbsent(key, history);
            List<String> versionKey = List.of(url.asText().strip(), version.toLowerCase(java.util.Locale.ROOT),
                    schema.toLowerCase(java.util.Locale.ROOT));
            sameVersionTable.computeIfAbsent(versionKey, k -> new ArrayList<>()).add(d);
            versionOf.putIfAbsent(versionKey, version);
        }
        for (Map.Entry<List<String>, List<String>> group : sameVersionTable.entrySet()) {
            List<String> sections = group.getValue();
            if (sections.size() < 2) continue;
            // the advice names the last section: the first has likely run already, and renaming its table would
            // leave its rows behind
            String last = sections.get(sections.size() - 1);
            String warning = String.join(" and ", sections.stream().map(d -> "[databases." + d + "]").toList()) + " in "
                    + where + (env == null ? "" : " (with [env." + env + "])") + " have the same url and share the"
                    + " version table '" + versionOf.get(group.getKey()) + "': each section's upgrade finds the other's"
                    + " revision there and cannot locate it, and 'stamp --purge' for one erases the other's. Give each"
                    + " section its own version_table and history_table (version_table = \"" + last + "_version\","
                    + " history_table = \"" + last + "_history\" in [databases." + last + "])";
            if (WARNED.add(warning)) org.slf4j.LoggerFactory.getLogger("dev.retort.config").warn(warning);
        }
        for (Map.Entry<List<String>, Map<String, String>> group : groups.entrySet()) {
            Map<String, String> sections = group.getValue();
            Set<String> versionTables = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            versionTables.addAll(sections.values());
            if (versionTables.size() < 2) continue;
            String history = historyOf.get(group.getKey());
            List<String> labels = new ArrayList<>();
            List<String> versions = new ArrayList<>();
            for (Map.Entry<String, String> e : sections.entrySet()) {
                labels.add("[databases." + e.getKey() + "]");
                versions.add(e.getValue());
            }
            String first = sections.keySet().iterator().next();
            String warning = String.join(" and ", labels) + " in " + where + (env == null ? "" : " (with [env." + env + "])")
                    + " have the same url and different version tables (" + String.join(", ", versions)
                    + ") but share the history table '" + history + "': each section's check for revisions edited"
                    + " after they were applied reads the other's rows for a revision id both use. Give each section"
                    + " its own history_table (history_table = \"" + first + "_history\" in [databases." + first + "])";
            if (WARNED.add(warning)) org.slf4j.LoggerFactory.getLogger("dev.retort.config").warn(warning);
        }
    }

    /** The value of {@code key} in the last of {@code layers} that sets it, or null. */
    private static JsonNode last(List<JsonNode> layers, String key) {
        JsonNode value = null;
        for (JsonNode layer : layers) if (layer != null && layer.get(key) != null) value = layer.get(key);
        return value;
    }

    /** Records {@code label} as the table of each key {@code table} sets. */
    private static void setIn(Map<String, String> setIn, ObjectNode table, String label) {
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) setIn.put(it.next(), label);
    }

    /** Whether any table of the file sets {@code classpath}. */
    private static boolean hasClasspath(JsonNode node) {
        if (!node.isObject()) return false;
        if (node.has("classpath")) return true;
        for (JsonNode child : node) if (hasClasspath(child)) return true;
        return false;
    }

    private static RetortException twoTables(String where, List<String> selected, String name) {
        return new RetortException("version_table and history_table in " + where
                + (selected.isEmpty() ? "" : " (with " + String.join(" and ", selected) + ")")
                + " are both '" + name + "': the version table and the history table must be two tables");
    }

    /** A blank name is the default, as RuntimeSettings reads it. */
    private static String tableOrDefault(String name, String dflt) {
        return name == null || name.isBlank() ? dflt : name;
    }

    /**
     * The table name the last of {@code layers} that sets {@code key} gives with {@code environment}'s variables, or
     * null when it uses an unset variable.
     */
    private static String tableName(List<JsonNode> layers, String key, String dflt, String where,
                                    Map<String, String> environment) {
        JsonNode value = last(layers, key);
        if (value == null || !value.isTextual()) return dflt; // wrong types are named by checkValues
        try {
            return tableOrDefault(new Values(NODES.objectNode().set(key, value), where, environment).string(key, dflt), dflt);
        } catch (UnsetVariable e) {
            return null; // checked when the variable is set, by the run that uses it
        }
    }

    /**
     * The {@code --env} overlay whose url the effective one is ({@code [env.E.databases.NAME]}, which comes last,
     * or {@code [env.E]}), or null when the selected overlay sets none.
     */
    private static String overlayWithUrl(ObjectNode envs, String env, String name) {
        JsonNode overlay = env == null || envs == null ? null : envs.get(env);
        if (overlay == null) return null;
        JsonNode envDb = name == null || overlay.get("databases") == null ? null : overlay.get("databases").get(name);
        if (envDb != null && envDb.has("url")) return "[env." + env + ".databases." + name + "]";
        return overlay.has("url") ? "[env." + env + "]" : null;
    }

    /** Whether the configuration's url (the overlay's, as overlays come last), expanded, is {@code url}. */
    private static boolean sameUrl(String url, Values v) {
        String own;
        try {
            own = nonBlank(v.string("url", null));
        } catch (RetortException unsetVariable) {
            return false;
        }
        return url.strip().equals(own == null ? null : own.strip());
    }

    private static int truncateSlugLength(Values v, String where) {
        int truncate = v.integer("truncate_slug_length", RetortConfig.DEFAULT_TRUNCATE_SLUG_LENGTH);
        if (truncate < 1) throw new RetortException("truncate_slug_length in " + where + " must be at least 1");
        return truncate;
    }

    private static long lockSeconds(Values v, String where) {
        long maxLockSeconds = RetortConfig.MAX_LOCK_TIMEOUT.toSeconds();
        long lockSeconds = v.integer("lock_timeout", (int) RetortConfig.DEFAULT_LOCK_TIMEOUT.toSeconds(), maxLockSeconds);
        if (lockSeconds < 0) throw new RetortException("lock_timeout in " + where + " must not be negative");
        if (lockSeconds > maxLockSeconds) {
            throw new RetortException("lock_timeout in " + where + " must be at most " + maxLockSeconds
                    + " seconds (24 days; PostgreSQL's limit)");
        }
        return lockSeconds;
    }

    private static String timezone(Values v, String where) {
        String timezone = v.string("timezone", "UTC");
        if (RetortConfig.zone(timezone) == null) {
            throw new RetortException("timezone in " + where + " is not a known time zone: '" + timezone + "'");
        }
        return timezone;
    }

    /**
     * The values of one table checked as if it were applied: types, ranges, time zone. A value that uses an
     * environment variable is checked only when its table is applied (the variable may be set only where the
     * overlay is meant for); a {@code ${VAR:-default}} whose variable is unset or empty here is checked with its
     * default, the value it then takes.
     */
    private static void checkValues(ObjectNode table, String where, boolean fileHasClasspath,
                                    Map<String, String> environment) {
        Values v = new Values(table, where, Map.of());
        for (String key : RETORT_KEYS) {
            if (!table.has(key)) continue;
            // t68-5: with the variable set, its value is the one used, not the default: checked where it applies
            if (usesSetVariable(table.get(key), environment)) {
                v.syntax(key);
                continue;
            }
            try {
                switch (key) {
                    case "version_locations", "classpath" -> v.stringList(key);
                    case "truncate_slug_length" -> truncateSlugLength(v, where);
                    case "lock_timeout" -> lockSeconds(v, where);
                    case "transaction_per_migration", "auto_migrate" -> v.bool(key, false);
                    case "timezone" -> timezone(v, where);
                    case "file_template" -> FileTemplate.check(v.string(key, ""), where);
                    case "url" -> checkUrl(v.string(key, null), where);
                    case "target_metadata" -> checkTargetMetadata(v.string(key, null), where, fileHasClasspath);
                    default -> v.string(key, null);
                }
            } catch (UnsetVariable e) {
                // checked when its table is applied, with the variables of that run
            }
        }
    }

    /** Where a URL from the environment variable {@code variable} came from, and what it passed over. */
    private static String fromVariable(String variable, ObjectNode effective, Values v) {
        return variable + " (environment" + (effective.has("url") ? "; it comes before url in " + v.of("url") : "") + ")";
    }

    /**
     * A url read as a run reads it (t23-7): a typo in the scheme of {@code [env.production]} found by a CI run, not by
     * the deploy. Relative paths are not resolved here; a connection is not tried.
     */
    private static void checkUrl(String url, String where) {
        if (nonBlank(url) == null) return;
        try {
            DatabaseUrls.toJdbc(url, null);
        } catch (RetortException e) {
            throw new RetortException("url in " + where + ": " + e.getMessage());
        }
    }

    /**
     * The form {@code prefix:argument} of target_metadata and its prefix (t23-7): the built-in ones, {@code jpa} (whose
     * module the run reports missing) and those of model sources on Retort's class path. A prefix of none of them is
     * refused unless the file sets a {@code classpath}, whose sources are read only when the model is loaded.
     */
    private static void checkTargetMetadata(String value, String where, boolean fileHasClasspath) {
        if (nonBlank(value) == null) return;
        String scheme = TargetMetadata.parse(value, where).scheme();
        if (MODEL_PREFIXES.contains(scheme.toLowerCase(java.util.Locale.ROOT)) || fileHasClasspath) return;
        // a plug-in's prefix (rare): a look through the class path, only then
        if (pluginHandles(scheme)) return;
        String hint = closest(scheme.toLowerCase(java.util.Locale.ROOT), MODEL_PREFIXES);
        throw new RetortException("Unknown target_metadata prefix '" + scheme + ":' in " + where
                + (hint == null ? "" : " (did you mean '" + hint + ":'?)") + "; known: sql, class, jpa"
                + " (and those of model sources on the class path)");
    }

    /** Whether a model source on Retort's class path handles {@code scheme}, asked through {@link ModelPrefixes}. */
    private static boolean pluginHandles(String scheme) {
        ClassLoader loader = ConfigLoader.class.getClassLoader();
        for (ModelPrefixes prefixes : ServiceLoader.load(ModelPrefixes.class, loader)) {
            if (prefixes.handles(scheme, loader)) return true;
        }
        return false;
    }

    /** The target_metadata prefixes Retort has: sql and class built in, jpa in retort-jpa. */
    private static final Set<String> MODEL_PREFIXES = Set.of("sql", "class", "jpa");

    /**
     * Whether {@code value} (a string, or a list of them) holds a {@code ${VAR}} or {@code ${VAR:-default}} whose
     * variable is set and not empty in {@code environment}: its value, not the default, is then the one used.
     */
    private static boolean usesSetVariable(JsonNode value, Map<String, String> environment) {
        if (value == null) return false;
        if (value.isArray()) {
            for (JsonNode e : value) if (usesSetVariable(e, environment)) return true;
            return false;
        }
        if (!value.isTextual()) return false;
        Matcher m = VAR.matcher(value.asText());
        while (m.find()) {
            String v = environment.get(m.group(1));
            if (v != null && !v.isEmpty()) return true;
        }
        return false;
    }

    /**
     * For a {@code value} that expanded to nothing: its references, as why ({@code ${DATABASE_URL} is set but
     * empty}), or null when it has none (a url written empty).
     */
    private static String emptyReferences(JsonNode value, Map<String, String> environment) {
        if (value == null || !value.isTextual()) return null;
        List<String> why = new ArrayList<>();
        Matcher m = VAR.matcher(value.asText());
        while (m.find()) {
            boolean set = environment.get(m.group(1)) != null;
            why.add(m.group(2) == null ? "${" + m.group(1) + "} is set but empty"
                    : m.group() + " gives nothing (" + m.group(1) + " is " + (set ? "empty" : "not set")
                    + " and the default is empty)");
        }
        return why.isEmpty() ? null : String.join(", ", why);
    }

    /** A {@code ${VAR}} whose variable is not set (and has no {@code :-default}). */
    private static final class UnsetVariable extends RetortException {
        UnsetVariable(String message) {
            super(message);
        }
    }

    /** The database sections ({@code [databases.NAME]}) a config file declares, in file order. */
    public static List<String> databaseNames(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        ObjectNode dbs = table(read(abs, Advice.COMMAND_LINE), null, "databases", abs.toString());
        return dbs == null ? List.of() : names(dbs);
    }

    private static ObjectNode read(Path abs, Advice advice) {
        String text;
        try {
            text = Files.readString(abs);
        } catch (NoSuchFileException e) {
            throw new RetortException("No configuration file at " + abs + "; "
                    + (advice == null ? Advice.COMMAND_LINE : advice).missingConfigFile());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + abs, e);
        }
        text = TextFiles.withoutByteOrderMark(text); // not TOML; Notepad writes one
        try {
            return TomlTree.read(text);
        } catch (JacksonException e) {
            String duplicate = TomlDuplicates.find(text);
            if (duplicate != null) throw new RetortException("Invalid TOML in " + abs + ": " + duplicate);
            String msg = e.getOriginalMessage();
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new RetortException("Invalid TOML in " + abs + at + ": " + msg);
        }
    }

    /**
     * The table {@code key} of {@code parent}, or null without one.
     *
     * @param parentName the parent's dotted name ({@code env.production}), null for the top level: the message
     *                   names the table to write, {@code [env.production]}, not a {@code [production]} that is
     *                   an unknown top-level key
     */
    private static ObjectNode table(ObjectNode parent, String parentName, String key, String where) {
        JsonNode n = parent.get(key);
        if (n == null) return null;
        if (!n.isObject()) {
            throw new RetortException("'" + key + "' in " + (parentName == null ? "" : "[" + parentName + "] of ") + where
                    + " must be a table ([" + (parentName == null ? "" : parentName + ".") + key + "])");
        }
        return (ObjectNode) n;
    }

    private static void checkKeys(ObjectNode node, Set<String> allowed, String section, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (allowed.contains(key)) continue;
            String hint = closest(key, allowed);
            throw new RetortException("Unknown key '" + key + "' in " + section + " of " + where
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
        }
    }

    private static List<String> names(ObjectNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The allowed key within edit distance 2, if any. */
    private static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : new TreeSet<>(allowed)) {
            int d = distance(key, a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best;
    }

    /** Levenshtein distance: the config's misspelt keys and file_template's tokens are suggested by it. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Typed access to one table's values, with ${VAR} expansion and messages naming key, table and file.
     *
     * @param where the file, or the table and file ({@code [env.production] of /app/retort.toml})
     * @param setIn for the effective settings, which {@code where} names only by its file: the table each key
     *              comes from ({@code url} from {@code [env.production.databases.reports]}); {@code [retort]}, the
     *              file's own table, is named by the file alone
     */
    private record Values(ObjectNode node, String where, Map<String, String> environment, Map<String, String> setIn) {
        Values(ObjectNode node, String where, Map<String, String> environment) {
            this(node, where, environment, Map.of());
        }

        /** Where {@code key} is written, as messages name it: {@code [env.production] of /app/retort.toml}. */
        private String of(String key) {
            String table = setIn.get(key);
            return table == null || table.equals("[retort]") ? where : table + " of " + where;
        }

        String string(String key, String dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.isTextual()) throw wrongType(key, "a string", n); // url = 5 is a mistake, not "5"
            return expand(key, n.asText());
        }

        List<String> stringList(String key) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) return null;
            if (n.isTextual()) return List.of(expand(key, n.asText()));
            if (!n.isArray()) throw wrongType(key, "a list of strings", n);
            List<String> out = new ArrayList<>();
            int i = 0;
            for (JsonNode e : n) {
                i++;
                if (!e.isTextual()) {
                    // t55-9: "must be a list of strings, not an array" of a value that is an array
                    throw new RetortException("'" + key + "' in " + of(key) + " must be a list of strings; element "
                            + i + " is not a string: " + shown(e));
                }
                out.add(expand(key, e.asText()));
            }
            return out;
        }

        int integer(String key, int dflt) {
            return integer(key, dflt, Integer.MAX_VALUE);
        }

        /** {@code max}: the key's own limit, named when the number does not even fit an int (t14-20). */
        int integer(String key, int dflt, long max) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) return dflt;
            if (n.isIntegralNumber()) {
                if (!n.canConvertToInt()) throw wrongType(key, "a whole number up to " + max, n);
                return n.asInt();
            }
            if (n.isTextual()) {
                String s = expand(key, n.asText()).strip();
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw wrongType(key, "a whole number", n, s);
                }
            }
            throw wrongType(key, "a whole number", n);
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) return dflt;
            if (n.isBoolean()) return n.asBoolean();
            if (n.isTextual()) {
                String s = expand(key, n.asText()).strip();
                if (s.equalsIgnoreCase("true")) return true;
                if (s.equalsIgnoreCase("false")) return false;
                throw wrongType(key, "true or false", n, s);
            }
            throw wrongType(key, "true or false", n);
        }

        private RetortException wrongType(String key, String expected, JsonNode got) {
            return new RetortException("'" + key + "' in " + of(key) + " must be " + expected + ", not " + shown(got));
        }

        /** As above, for a string whose variables gave {@code expanded}: the value is what is wrong, not the reference. */
        private RetortException wrongType(String key, String expected, JsonNode got, String expanded) {
            if (expanded.equals(got.asText().strip())) return wrongType(key, expected, got);
            return new RetortException("'" + key + "' in " + of(key) + " must be " + expected + ", not \""
                    + DatabaseUrls.mask(expanded) + "\" (the value of " + shown(got) + ")");
        }

        /**
         * What was given instead: a number or boolean as written, a string masked as a URL, an array or table by
         * its type only (r7-6: {@code url = ["postgresql://u:pw@h/db"]} echoed the password).
         */
        private static String shown(JsonNode got) {
            if (got.isArray()) return "an array";
            if (got.isObject()) return "a table";
            if (got.isTextual()) return "\"" + DatabaseUrls.mask(got.asText()) + "\"";
            return got.toString();
        }

        /** Refuses a malformed reference in {@code key}'s strings, without reading a variable. */
        void syntax(String key) {
            JsonNode n = node.get(key);
            List<JsonNode> strings = new ArrayList<>();
            if (n != null && n.isArray()) n.forEach(strings::add);
            else if (n != null) strings.add(n);
            for (JsonNode e : strings) {
                if (!e.isTextual()) continue;
                String value = e.asText();
                for (int at = value.indexOf("${"); at >= 0; at = value.indexOf("${", at + 2)) {
                    Matcher m = VAR.matcher(value).region(at, value.length());
                    if (!m.lookingAt() || m.group(2) != null && m.group(2).contains("${")) throw malformed(key, value, at);
                }
            }
        }

        /**
         * {@code value} with each {@code ${VAR}} and {@code ${VAR:-default}} replaced. Any other {@code ${} is
         * refused (t23-5): kept literally, the shell's {@code ${VAR-default}} or a missing brace became a file or
         * table name with the braces in it, and a default holding another reference was cut at its first brace.
         */
        private String expand(String key, String value) {
            StringBuilder sb = new StringBuilder();
            int from = 0;
            for (int at = value.indexOf("${"); at >= 0; at = value.indexOf("${", from)) {
                Matcher m = VAR.matcher(value).region(at, value.length());
                if (!m.lookingAt() || m.group(2) != null && m.group(2).contains("${")) throw malformed(key, value, at);
                String v = environment.get(m.group(1));
                // as the shell's (and docker-compose's) ${VAR:-default}: the default also for a variable set empty
                if (v == null || v.isEmpty() && m.group(2) != null) v = m.group(2);
                if (v == null) {
                    throw new UnsetVariable("Environment variable " + m.group(1) + " is not set (used by '" + key
                            + "' in " + of(key) + "; write ${" + m.group(1) + ":-default} for a fallback)");
                }
                sb.append(value, from, at).append(v);
                from = m.end();
            }
            return sb.append(value, from, value.length()).toString();
        }

        /** The error for a {@code ${} at {@code at} that is neither {@code ${VAR}} nor {@code ${VAR:-default}}. */
        private RetortException malformed(String key, String value, int at) {
            // the reference runs to its matching brace; without one, to the end of the name after ${
            int end = -1;
            for (int i = at + 2, depth = 1; i < value.length() && end < 0; i++) {
                if (value.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (value.charAt(i) == '}' && --depth == 0) {
                    end = i + 1;
                }
            }
            String why;
            if (end < 0) {
                int name = at + 2;
                while (name < value.length() && (Character.isLetterOrDigit(value.charAt(name)) || value.charAt(name) == '_')) name++;
                end = name;
                why = "it has no closing '}'";
            } else if (value.substring(at + 2, end - 1).contains("${")) {
                why = "a default cannot hold another ${...}";
            } else {
                why = "write ${VAR} or ${VAR:-default}";
            }
            String reference = value.substring(at, end);
            // shown only where the masked value shows it too: never a piece of a password
            boolean shown = DatabaseUrls.mask(value).contains(reference);
            return new RetortException("'" + key + "' in " + of(key) + " has a malformed variable reference"
                    + (shown ? " '" + reference + "'" : "") + ": " + why);
        }
    }
}
