package dev.retort.runtime;

import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.RevisionHeader;
import dev.retort.graph.Step;
import dev.retort.migration.Migration;
import dev.retort.migration.Operations;
import dev.retort.script.RevisionScript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Revisions built in code for runtime tests (no graph or script directory needed): each has SQL for
 * upgrade and optionally downgrade, statements separated by ";" at line ends. Plans are worked out
 * here for chains and a small branch-and-merge shape.
 */
final class TestRevisions implements RevisionSource {
    record Rev(RevisionHeader header, List<String> up, List<String> down, boolean transactional,
               java.util.function.Consumer<Operations> code) {
    }

    /** A revision whose upgrade is code (a data migration with parameters, say); downgrade does nothing. */
    TestRevisions addCode(String id, List<String> parents, String message, java.util.function.Consumer<Operations> up) {
        return addCode(id, parents, message, up, true);
    }

    TestRevisions addCode(String id, List<String> parents, String message, java.util.function.Consumer<Operations> up,
                          boolean transactional) {
        RevisionHeader h = new RevisionHeader(id, parents, List.of(), List.of(), message, "", "versions/" + id + ".java");
        revs.put(id, new Rev(h, List.of(), List.of(), transactional, up));
        return this;
    }

    private final Map<String, Rev> revs = new LinkedHashMap<>();
    final List<String> prepared = new ArrayList<>();

    TestRevisions add(String id, List<String> parents, String message, String up, String down) {
        return add(id, parents, message, up, down, true);
    }

    TestRevisions add(String id, List<String> parents, String message, String up, String down, boolean transactional) {
        RevisionHeader h = new RevisionHeader(id, parents, List.of(), List.of(), message, "", "versions/" + id + ".sql");
        revs.put(id, new Rev(h, split(up), down == null ? null : split(down), transactional, null));
        return this;
    }

    private static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        for (String s : sql.split(";\\s*(\\n|$)")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    RevisionHeader header(String id) {
        return revs.get(id).header();
    }

    @Override
    public void prepare(Collection<String> ids) {
        prepared.addAll(ids);
    }

    @Override
    public Migration migration(String id) {
        Rev r = revs.get(id);
        return new Migration() {
            @Override
            public void upgrade(Operations op) {
                if (r.code() != null) r.code().accept(op);
                for (String s : r.up()) op.execute(s);
            }

            @Override
            public void downgrade(Operations op) {
                for (String s : r.down()) op.execute(s);
            }

            @Override
            public boolean isReversible() {
                return r.down() != null;
            }
        };
    }

    @Override
    public RevisionScript script(String id) {
        Rev r = revs.get(id);
        return new RevisionScript(r.header(), RevisionScript.Kind.SQL, Path.of(r.header().path()), r.transactional(),
                "sum-" + id);
    }

    /**
     * Upgrade plan to apply every revision (in insertion order, which must be topological) not yet applied,
     * given the current rows. Rows are kept as Alembic does: a revision replaces its parents that are rows.
     */
    Plan upgradeAll(Set<String> current) {
        Set<String> applied = ancestorsOf(current);
        Set<String> rows = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        for (Rev r : revs.values()) {
            String id = r.header().id();
            if (applied.contains(id)) continue;
            List<String> from = List.copyOf(rows);
            rows.removeAll(r.header().revises());
            rows.add(id);
            steps.add(new Step(r.header(), Direction.UPGRADE, from, List.copyOf(rows)));
            applied.add(id);
        }
        return new Plan(Direction.UPGRADE, steps);
    }

    /** Downgrade plan reverting everything (newest first) for a linear chain. */
    Plan downgradeAll(Set<String> current) {
        List<Step> steps = new ArrayList<>();
        List<Rev> all = new ArrayList<>(revs.values());
        Set<String> applied = ancestorsOf(current);
        Set<String> rows = new LinkedHashSet<>(current);
        for (int i = all.size() - 1; i >= 0; i--) {
            Rev r = all.get(i);
            if (!applied.contains(r.header().id())) continue;
            List<String> from = List.copyOf(rows);
            rows.remove(r.header().id());
            rows.addAll(r.header().revises());
            steps.add(new Step(r.header(), Direction.DOWNGRADE, from, List.copyOf(rows)));
        }
        return new Plan(Direction.DOWNGRADE, steps);
    }

    private Set<String> ancestorsOf(Set<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (out.add(id) && revs.containsKey(id)) todo.addAll(revs.get(id).header().revises());
        }
        return out;
    }

    /** A linear chain r001..rNNN, each creating a table t_i. */
    /** Writes versions/a.sql, SQL revision aaaa00000001 ("accounts": one table, and its drop); returns the folder. */
    static Path writeAccountRevision(Path versions) throws java.io.IOException {
        java.nio.file.Files.createDirectories(versions);
        java.nio.file.Files.writeString(versions.resolve("a.sql"), """
                -- retort:revision aaaa00000001
                -- retort:message accounts
                -- retort:upgrade
                CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50));
                -- retort:downgrade
                DROP TABLE account;
                """);
        return versions;
    }

    /**
     * t30-7's project: a1 becomes {@code owner} ({@code become}: {@code "SET ROLE "} or {@code "SET SESSION
     * AUTHORIZATION "}) and creates t1, a2 creates t2 (as the owner still).
     */
    static TestRevisions becomingOwner(String become, String owner) {
        return new TestRevisions()
                .add("a1", List.of(), "as owner", become + owner + ";\nCREATE TABLE t1 (x INTEGER)", "DROP TABLE t1")
                .add("a2", List.of("a1"), "after", "CREATE TABLE t2 (x INTEGER)", "DROP TABLE t2");
    }

    /** The owner {@link #becomingOwner} becomes: may create tables in public, and has no right on the version tables. */
    static void createOwnerRole(java.sql.Connection c, String owner) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + owner + "')"
                    + " THEN CREATE ROLE " + owner + " NOLOGIN; END IF; END$$");
            s.execute("GRANT CREATE ON SCHEMA public TO " + owner);
        }
    }

    static TestRevisions chain(int n) {
        TestRevisions t = new TestRevisions();
        for (int i = 1; i <= n; i++) {
            String id = String.format("r%03d", i);
            t.add(id, i == 1 ? List.of() : List.of(String.format("r%03d", i - 1)), "create t" + i,
                    "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, v VARCHAR(20))", "DROP TABLE t" + i);
        }
        return t;
    }
}
