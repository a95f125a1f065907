package dev.retort.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first key or table that a TOML text defines twice, for a message that names it and its line: the
 * parser says only "Duplicate key" or "Table redefined", at the line after the one at fault. A line-by-line look,
 * enough for a configuration file's plain tables and keys; null when it finds nothing (the parser's message stands).
 */
final class TomlDuplicates {
    private static final Pattern TABLE = Pattern.compile("\\s*\\[\\s*([^\\[\\]]+?)\\s*]\\s*(#.*)?");
    private static final Pattern ARRAY_TABLE = Pattern.compile("\\s*\\[\\[.*");
    private static final Pattern KEY = Pattern.compile("\\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+(?:\\s*\\.\\s*[A-Za-z0-9_-]+)*)\\s*=.*");

    private TomlDuplicates() {
    }

    static String find(String text) {
        String[] lines = text.split("\r?\n", -1);
        Map<String, Integer> tables = new HashMap<>();
        Map<String, Set<String>> keys = new HashMap<>();
        String table = "";
        String multiline = null; // the delimiter of a multi-line string being read
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (multiline != null) {
                if (count(line, multiline) % 2 == 1) multiline = null;
                continue;
            }
            if (ARRAY_TABLE.matcher(line).matches()) {
                table = null; // an array of tables: each entry is a table of its own (not used by retort.toml)
                continue;
            }
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = t.group(1).replaceAll("\\s*\\.\\s*", ".");
                Integer first = tables.putIfAbsent(table, i + 1);
                if (first != null) return "Table [" + table + "] defined twice (line " + (i + 1) + ", first at line " + first + ")";
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (k.matches() && table != null) {
                String key = k.group(1).replaceAll("\\s*\\.\\s*", ".");
                if (key.length() > 1 && (key.startsWith("\"") || key.startsWith("'"))) key = key.substring(1, key.length() - 1);
                if (!keys.computeIfAbsent(table, x -> new HashSet<>()).add(key)) {
                    return "Duplicate key '" + key + "' in " + (table.isEmpty() ? "the top level" : "[" + table + "]")
                            + " (line " + (i + 1) + ")";
                }
                String value = line.substring(line.indexOf('=') + 1);
                for (String delimiter : new String[]{"\"\"\"", "'''"}) {
                    if (count(value, delimiter) % 2 == 1) multiline = delimiter;
                }
            }
        }
        return null;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        return n;
    }
}
