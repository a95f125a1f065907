package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which objects autogenerate and the drift check look at. Patterns are globs ({@code *}, {@code ?})
 * matched case-insensitively against names; a pattern may name its kind: {@code table:audit_*},
 * {@code column:*.legacy_*} (table.column), {@code index:tmp_*}, {@code constraint:...},
 * {@code sequence:...}, {@code enum:...}. A plain pattern applies to tables, sequences and enums.
 * Include empty = everything; exclude wins over include. Retort's own tables (version, history, those of
 * every section of a multidb file, and H2's lock table) are always left out.
 */
public final class SchemaFilter {
    public enum Kind { TABLE, COLUMN, INDEX, CONSTRAINT, SEQUENCE, ENUM }

    private record Rule(Kind kind, Pattern pattern) {
        boolean applies(Kind k) {
            return kind == null ? k == Kind.TABLE || k == Kind.SEQUENCE || k == Kind.ENUM : kind == k;
        }
    }

    private final List<Rule> include;
    private final List<Rule> exclude;
    private final List<String> alwaysExcludedTables;

    public SchemaFilter(List<String> include, List<String> exclude, List<String> alwaysExcludedTables) {
        this.include = rules(include);
        this.exclude = rules(exclude);
        this.alwaysExcludedTables = alwaysExcludedTables.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    public static SchemaFilter of(RetortConfig config) {
        List<String> always = new ArrayList<>();
        if (config.versionTable() != null) always.add(config.versionTable());
        if (config.historyTable() != null) always.add(config.historyTable());
        // the other sections' of a multidb file: in a database they share, not the model's to drop (t33-3)
        always.addAll(config.sectionTables());
        always.add("retort_lock"); // H2's lock table (dialect.h2.H2Lock): Retort's own, never the user's
        return new SchemaFilter(config.autogenerateInclude(), config.autogenerateExclude(), always);
    }

    public static SchemaFilter everything() {
        return new SchemaFilter(List.of(), List.of(), List.of());
    }

    public boolean includes(Kind kind, String name) {
        if (kind == Kind.TABLE && alwaysExcludedTables.contains(name.toLowerCase(Locale.ROOT))) return false;
        for (Rule r : exclude) if (r.applies(kind) && r.pattern.matcher(name).matches()) return false;
        boolean anyForKind = false;
        for (Rule r : include) {
            if (!r.applies(kind)) continue;
            anyForKind = true;
            if (r.pattern.matcher(name).matches()) return true;
        }
        return !anyForKind;
    }

    private static List<Rule> rules(List<String> patterns) {
        List<Rule> out = new ArrayList<>();
        for (String p : patterns) {
            Kind kind = null;
            String glob = p.strip();
            int colon = glob.indexOf(':');
            if (colon > 0) {
                try {
                    kind = Kind.valueOf(glob.substring(0, colon).toUpperCase(Locale.ROOT));
                    glob = glob.substring(colon + 1);
                } catch (IllegalArgumentException notAKind) {
                    kind = null;
                }
            }
            out.add(new Rule(kind, glob(glob)));
        }
        return out;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
