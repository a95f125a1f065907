package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.DropSequence;
import dev.retort.ops.SequenceChange;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.SqlType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The sequences compared: added, dropped, altered in place; one turned in direction reported to write by hand. */
final class SequenceChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    private final ComparisonRules rules;
    private final Dialect dialect;
    private final SchemaFilter filter;

    SequenceChanges(ComparisonRules rules, Dialect dialect, SchemaFilter filter) {
        this.rules = rules;
        this.dialect = dialect;
        this.filter = filter;
    }

    void compare(SchemaModel db, SchemaModel model, Plan plan) {
        Map<String, Sequence> have = new LinkedHashMap<>();
        for (Sequence s : db.sequences()) if (filter.includes(SchemaFilter.Kind.SEQUENCE, s.name())) have.put(s.name(), s);
        Set<String> wanted = new HashSet<>();
        for (Sequence s : model.sequences()) {
            if (!filter.includes(SchemaFilter.Kind.SEQUENCE, s.name())) continue;
            wanted.add(s.name());
            Sequence current = have.get(s.name());
            if (current == null) {
                LOG.info("Detected added sequence '{}'", s.name());
                plan.first.add(new Entry(new CreateSequence(s), null));
            } else {
                // altered in place: a drop and create would start the numbers over, and fail under a column default using it
                long start = orOne(current.start());
                long increment = orOne(current.increment());
                if (increment > 0 != orOne(s.increment()) > 0) {
                    plan.first.add(turnedByHand(current, s));
                    continue;
                }
                AlterSequence.Builder b = AlterSequence.builder(current.schema(), current.name());
                if (start != orOne(s.start())) b.start(orOne(s.start())).existingStart(start);
                if (increment != orOne(s.increment())) b.increment(orOne(s.increment())).existingIncrement(increment);
                // the type, bounds, cache and cycle too (t57-2): a sequence that stops cycling changes what the
                // application sees at the wrap point; a type left out is BIGINT
                SequenceChange options = SequenceChange.between(current.options(), s.options(), SqlType.of(SqlType.Kind.BIGINT));
                AlterSequence alter = b.build().withOptions(options,
                        SequenceChange.existing(current.options(), SqlType.of(SqlType.Kind.BIGINT), options));
                if (!alter.isEmpty()) {
                    LOG.info("Detected changed sequence '{}'", s.name());
                    plan.first.add(new Entry(alter, null));
                }
            }
        }
        for (Sequence s : have.values()) {
            if (!wanted.contains(s.name())) {
                LOG.info("Detected removed sequence '{}'", s.name());
                plan.last.add(new Entry(new DropSequence(s.schema(), s.name(), s, false), null));
            }
        }
    }

    /**
     * A sequence turned from ascending to descending or back (t59-3): the default bounds turn with it, and PostgreSQL
     * and MariaDB require the current value within the new ones, so the change takes new bounds and a RESTART, which
     * changes the numbers the sequence gives (a key read from it may meet one that exists). Not generated (a failed
     * ALTER on MariaDB leaves the revision's earlier statements applied): reported with the statement to write.
     * MariaDB takes no NO MINVALUE there: its bounds are written out. H2 takes the same statement as PostgreSQL, with
     * a cache when turning ascending (f2-1).
     */
    private Entry turnedByHand(Sequence current, Sequence model) {
        long increment = orOne(model.increment());
        boolean down = increment < 0;
        long start = model.start() != null ? model.start() : down ? -1L : 1L;
        Long min = model.options().minValue();
        Long max = model.options().maxValue();
        String bounds;
        if (rules.mariadb()) {
            bounds = " MINVALUE " + (min != null ? min : down ? -9223372036854775807L : 1L)
                    + " MAXVALUE " + (max != null ? max : down ? -1L : 9223372036854775806L);
        } else {
            bounds = (min != null ? " MINVALUE " + min : " NO MINVALUE") + (max != null ? " MAXVALUE " + max : " NO MAXVALUE");
        }
        // H2 keeps the cache it reports for a descending sequence without bounds (below 1, from its range's overflow)
        // and refuses it once ascending: the cache is given there
        Long cache = model.options().cache();
        if (dialect.name().equals("h2") && (cache != null || !down)) bounds += " CACHE " + (cache != null ? cache : 32L);
        String name = (current.schema() == null ? "" : dialect.quote(current.schema()) + ".") + dialect.quote(current.name());
        String sql = "ALTER SEQUENCE " + name + " INCREMENT BY " + increment + bounds + " START WITH " + start + " RESTART";
        String from = orOne(current.increment()) > 0 ? "ascending" : "descending";
        String to = down ? "descending" : "ascending";
        LOG.warn("Sequence '{}' is {} in the database and {} in the model: that takes new bounds and a RESTART, which changes"
                + " the numbers it gives; write it by hand", current.name(), from, to);
        return new Entry(null, "TODO: sequence " + current.name() + " is " + from + " in the database and " + to
                + " in the model; the bounds turn with the direction and the current value must lie within them,\nso this"
                + " takes a RESTART, which changes the numbers the sequence gives (check the keys read from it): write it by"
                + " hand where that is meant,\ne.g. " + dev.retort.ops.Execute.javaCall(sql) + ", and the downgrade's inverse.");
    }

    private static long orOne(Long v) {
        return v == null ? 1L : v;
    }
}
