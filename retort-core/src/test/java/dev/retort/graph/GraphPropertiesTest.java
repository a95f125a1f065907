package dev.retort.graph;

import static dev.retort.graph.RandomGraphs.above;
import static dev.retort.graph.RandomGraphs.closure;
import static dev.retort.graph.RandomGraphs.dag;
import static dev.retort.graph.RandomGraphs.randomRows;
import static dev.retort.graph.RandomGraphs.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/** Invariants of plans over random DAGs with several bases, branches, merges and depends_on. */
class GraphPropertiesTest {
    private static final int TRIES = 250;

    /** Replays a plan on a naive model: every step's rows must be what the applied set implies. */
    private static Set<String> replay(RevisionGraph g, Set<String> current, Plan plan) {
        Set<String> applied = closure(g, current);
        List<String> expectedFrom = new ArrayList<>(new TreeSet<>(current));
        for (Step step : plan.steps()) {
            assertThat(step.from()).as("from of %s", step.revision().id()).isEqualTo(expectedFrom);
            String id = step.revision().id();
            if (step.direction() == Direction.UPGRADE) {
                assertThat(applied).as("applied twice: %s", id).doesNotContain(id);
                assertThat(applied).as("parents and dependencies of %s first", id).containsAll(closure(g, List.of(id))
                        .stream().filter(a -> !a.equals(id)).toList());
                applied.add(id);
            } else {
                assertThat(applied).as("reverting unapplied %s", id).contains(id);
                applied.remove(id);
                assertThat(above(g, List.of(id))).as("nothing applied stands on %s", id)
                        .allMatch(a -> a.equals(id) || !applied.contains(a));
            }
            assertThat(step.to()).as("rows after %s", id).isEqualTo(rows(g, applied));
            expectedFrom = step.to();
        }
        return applied;
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(s -> s.revision().id()).toList();
    }

    @Property(tries = TRIES)
    void upgradeFromBaseAppliesEveryRevisionOnceAfterItsParentsAndDependencies(
            @ForAll @IntRange(min = 1, max = 40) int size, @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Plan plan = g.planUpgrade(Set.of(), "heads");
        assertThat(new HashSet<>(ids(plan))).hasSize(size);
        Set<String> applied = replay(g, Set.of(), plan);
        assertThat(applied).hasSize(size);
        List<String> heads = g.heads(true).stream().map(RevisionHeader::id).sorted().toList();
        assertThat(plan.steps().get(size - 1).to()).isEqualTo(heads);
    }

    @Property(tries = TRIES)
    void downgradeToBaseReversesTheUpgradeExactly(@ForAll @IntRange(min = 1, max = 40) int size,
                                                  @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Plan up = g.planUpgrade(Set.of(), "heads");
        Set<String> top = new TreeSet<>(up.steps().get(size - 1).to());
        Plan down = g.planDowngrade(top, "base");
        List<String> reversed = new ArrayList<>(ids(up));
        Collections.reverse(reversed);
        assertThat(ids(down)).isEqualTo(reversed);
        for (int i = 0; i < size; i++) {
            Step d = down.steps().get(i);
            Step u = up.steps().get(size - 1 - i);
            assertThat(d.from()).isEqualTo(u.to());
            assertThat(d.to()).isEqualTo(u.from());
        }
        assertThat(replay(g, top, down)).isEmpty();
    }

    @Property(tries = TRIES)
    void plusNThenMinusNReturnsToTheSameVersionSet(@ForAll @IntRange(min = 1, max = 30) int size,
                                                    @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int n) {
        // long lines with fewer branch points, started part-way up, so that +N is often unambiguous
        RevisionGraph g = RevisionGraph.of(dag(size, seed, 95));
        Set<String> start = seed % 3 == 0 ? randomRows(g, seed) : RandomGraphs.partlyUpgraded(g, (int) (seed % size));
        Plan up;
        try {
            up = g.planUpgrade(start, "+" + n);
        } catch (GraphException ambiguousOrTooFar) {
            Statistics.label("+N").collect("refused");
            return;
        }
        Statistics.label("+N").collect("moved");
        assertThat(up.steps()).hasSize(n);
        Set<String> middle = new TreeSet<>(up.steps().get(n - 1).to());
        Set<String> landed = new TreeSet<>(middle);
        landed.removeAll(start); // the rows the move brought: where it lands, without the rows it left alone
        assertThat(g.resolve("+" + n, start)).containsExactlyInAnyOrderElementsOf(landed);
        replay(g, start, up);
        // -N reverts the single version row N times. It is refused only when one of the states it walks
        // back through has several rows; whenever it is accepted it must undo exactly what +N did.
        boolean severalRowsOnTheWay = up.steps().stream().anyMatch(step -> step.to().size() > 1);
        Statistics.label("-N").collect(severalRowsOnTheWay ? "several rows on the way" : "one row all the way");
        Plan down;
        try {
            down = g.planDowngrade(middle, "-" + n);
        } catch (GraphException refused) {
            assertThat(refused).hasMessageStartingWith("Ambiguous walk: -" + n + " ");
            assertThat(severalRowsOnTheWay).isTrue();
            return;
        }
        List<String> reversed = new ArrayList<>(ids(up));
        Collections.reverse(reversed);
        assertThat(ids(down)).isEqualTo(reversed);
        assertThat(down.steps().get(n - 1).to()).isEqualTo(new ArrayList<>(start));
    }

    @Property(tries = TRIES)
    void plansNeverTouchRevisionsOutsideTheTargetsLine(@ForAll @IntRange(min = 1, max = 40) int size,
                                                       @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Set<String> current = randomRows(g, seed);
        Set<String> applied = closure(g, current);
        List<RevisionHeader> all = g.revisions();
        String target = all.get(new Random(seed).nextInt(size)).id();

        Plan up = g.planUpgrade(current, target);
        Set<String> line = closure(g, List.of(target));
        for (String id : ids(up)) {
            assertThat(line).contains(id);
            assertThat(applied).doesNotContain(id);
        }
        Set<String> afterUp = replay(g, current, up);
        assertThat(afterUp).containsAll(line);

        if (applied.contains(target)) {
            Plan down = g.planDowngrade(current, target);
            // Alembic's rule: what stands on the target's children goes; what only depends on the target stays
            List<String> children = g.children(target).stream().map(RevisionHeader::id).toList();
            Set<String> expectedReverted = new TreeSet<>(applied);
            expectedReverted.retainAll(above(g, children));
            assertThat(new TreeSet<>(ids(down))).isEqualTo(expectedReverted);
            Set<String> left = replay(g, current, down);
            assertThat(left).contains(target);
        }

        // a stamp takes away what a downgrade to the target would (t16-2), and records the target's line
        Plan stamp = g.planStamp(current, target, false);
        Set<String> expected = new TreeSet<>(applied);
        expected.removeAll(above(g, g.children(target).stream().map(RevisionHeader::id).toList()));
        expected.addAll(line);
        List<String> finalRows = stamp.isEmpty() ? new ArrayList<>(current)
                : stamp.steps().get(stamp.steps().size() - 1).to();
        assertThat(closure(g, finalRows)).isEqualTo(expected);
        assertThat(finalRows).isEqualTo(rows(g, expected));
    }

    /**
     * t28-1: an offline {@code ROWS:TO} plans as an online upgrade from ROWS, unless a row lies above TO (and does not
     * stand for part of TO's line), which alone is refused.
     */
    @Property(tries = TRIES)
    void offlineUpgradeRangePlansAsOnlineUnlessFromLiesAboveTo(@ForAll @IntRange(min = 1, max = 40) int size,
                                                              @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Set<String> current = randomRows(g, seed);
        String target = g.revisions().get(new Random(seed ^ 0x5DEECE66DL).nextInt(size)).id();
        Set<String> line = closure(g, List.of(target));
        Set<String> upper = above(g, List.of(target));
        boolean fromAbove = current.stream().anyMatch(r -> upper.contains(r) && !line.contains(r));
        if (current.isEmpty()) return; // an empty FROM is base, with the script's own start
        String range = String.join(",", current) + ":" + target;
        Statistics.collect(fromAbove ? "refused" : "planned");
        if (fromAbove) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.planUpgrade(Set.of(), range))
                    .hasMessageStartingWith("Revision ").hasMessageContaining(" is not an ancestor of revision " + target);
        } else {
            assertThat(g.planUpgrade(Set.of(), range)).isEqualTo(g.planUpgrade(current, target));
        }
    }

    @Property(tries = TRIES)
    void stampHeadsKeepsEveryAppliedRevisionAndReachesAllHeads(@ForAll @IntRange(min = 1, max = 40) int size,
                                                               @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Set<String> current = randomRows(g, seed);
        Plan stamp = g.planStamp(current, "heads", false);
        List<String> heads = g.heads(true).stream().map(RevisionHeader::id).sorted().toList();
        List<String> finalRows = stamp.isEmpty() ? new ArrayList<>(current)
                : stamp.steps().get(stamp.steps().size() - 1).to();
        assertThat(finalRows).isEqualTo(heads);
        for (int i = 1; i < stamp.steps().size(); i++) {
            assertThat(stamp.steps().get(i).from()).isEqualTo(stamp.steps().get(i - 1).to());
        }
        Plan purged = g.planStamp(current, "heads", true);
        assertThat(purged.steps().get(0).from()).isEmpty();
    }

    @Property(tries = 100)
    void historyOrderIsTopologicalAndIndependentOfInputOrder(@ForAll @IntRange(min = 1, max = 40) int size,
                                                             @ForAll long seed) {
        List<RevisionHeader> headers = new ArrayList<>(dag(size, seed));
        RevisionGraph g = RevisionGraph.of(headers);
        List<String> order = g.revisions().stream().map(RevisionHeader::id).toList();
        for (RevisionHeader h : g.revisions()) {
            int at = order.indexOf(h.id());
            for (String below : closure(g, List.of(h.id()))) {
                assertThat(order.indexOf(below)).isGreaterThanOrEqualTo(at);
            }
        }
        Collections.shuffle(headers, new Random(seed));
        assertThat(RevisionGraph.of(headers).revisions().stream().map(RevisionHeader::id).toList()).isEqualTo(order);
    }

    @Property(tries = 100)
    void everyIdAndEveryUniquePrefixResolvesToItself(@ForAll @IntRange(min = 1, max = 40) int size,
                                                     @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        for (RevisionHeader h : g.revisions()) {
            assertThat(g.resolve(h.id(), Set.of())).containsExactly(h.id());
            assertThat(g.resolve(h.id().substring(0, 8), Set.of())).containsExactly(h.id());
            for (String label : h.branchLabels()) {
                assertThat(g.resolve(label, Set.of())).containsExactly(h.id());
                assertThat(g.branchLabels(h.id())).contains(label);
            }
        }
    }

    /** Any target string either works or fails with a GraphException: never a crash. */
    @Property(tries = 150)
    void everyTargetEitherResolvesOrFailsWithAGraphException(@ForAll @IntRange(min = 0, max = 25) int size,
                                                             @ForAll long seed) {
        RevisionGraph g = RevisionGraph.of(dag(size, seed));
        Random random = new Random(seed);
        Set<String> current = size == 0 ? Set.of() : randomRows(g, seed);
        List<String> words = new ArrayList<>(List.of("head", "heads", "base", "current", "", "zzzz", "r0", "r00",
                "label1", "nolabel"));
        for (RevisionHeader h : g.revisions()) {
            words.add(h.id());
            words.add(h.id().substring(0, 1 + random.nextInt(h.id().length())));
            words.addAll(h.branchLabels());
        }
        for (int k = 0; k < 12; k++) {
            StringBuilder t = new StringBuilder();
            if (random.nextInt(3) == 0) {
                t.append(words.get(random.nextInt(words.size()))).append('@');
            }
            t.append(words.get(random.nextInt(words.size())));
            if (random.nextInt(2) == 0) {
                t.append(random.nextBoolean() ? '+' : '-').append(random.nextInt(4));
            }
            if (random.nextInt(6) == 0) {
                t.append(':').append(words.get(random.nextInt(words.size())));
            }
            String target = t.toString();
            // a FROM:TO range starts from FROM, not from the database: replaying against current would not fit
            boolean range = target.indexOf(':') >= 0;
            for (int op = 0; op < 5; op++) {
                try {
                    switch (op) {
                        case 0 -> g.resolve(target, current);
                        case 1 -> {
                            Plan plan = g.planUpgrade(current, target);
                            if (!range) {
                                replay(g, current, plan);
                            }
                        }
                        case 2 -> {
                            Plan plan = g.planDowngrade(current, target);
                            if (!range) {
                                replay(g, current, plan);
                            }
                        }
                        case 3 -> g.planStamp(current, target, random.nextBoolean());
                        default -> g.history(target, current);
                    }
                } catch (GraphException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }
}
