package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renames proposed between dropped and added columns (or tables), and the added ones left unpaired because more than
 * one pairing was possible.
 *
 * @param renames   added to dropped, in the order of {@code added}
 * @param ambiguous an added one that is not proposed as a rename to the dropped ones it could have been
 */
record Pairing<T>(Map<T, T> renames, Map<T, List<T>> ambiguous) {
    /**
     * The dropped ones (of those left unpaired) that may be renamed as one of the added ones but are not proposed as
     * such, each to those added ones: a candidate of an added one that had several; one named the same but for case
     * and separators; one {@code alsoLike} the added one. Each is written as a drop and an add, with a note on the drop.
     */
    Map<T, List<T>> lookAlikes(List<T> removed, List<T> added, java.util.function.Function<T, String> name,
                               java.util.function.BiPredicate<T, T> alsoLike) {
        Map<T, List<T>> out = new IdentityHashMap<>();
        for (T r : removed) {
            List<T> like = new ArrayList<>();
            for (T a : added) {
                boolean candidate = ambiguous.getOrDefault(a, List.of()).contains(r);
                boolean named = squeezed(name.apply(a)).equals(squeezed(name.apply(r)));
                if (candidate || named || alsoLike.test(r, a)) like.add(a);
            }
            if (!like.isEmpty()) out.put(r, like);
        }
        return out;
    }

    /**
     * Pairs dropped with added items of a compatible shape as renames, only where the pairing is not a guess (t44-5:
     * the first dropped column of the same type won, so dropping {@code first_name} and renaming {@code last_name} to
     * {@code family_name} kept the first name under the new name and lost the last). A pair is proposed when names make
     * it clear (the same once case and separators are left aside: {@code firstName -> first_name}), or when each of the
     * two is the other's only candidate. An added item with other candidates is an add, and the dropped ones drops,
     * with the candidates named in its note: Alembic proposes no renames at all, and data kept under the wrong name is
     * worse than a drop the reviewer is told about. The result does not depend on the order of either list.
     */
    static <T> Pairing<T> pairRenames(List<T> removed, List<T> added, java.util.function.BiPredicate<T, T> compatible,
                                     java.util.function.Function<T, String> name) {
        return pairRenames(removed, added, compatible, compatible, compatible, name);
    }

    /**
     * As {@link #pairRenames(List, List, java.util.function.BiPredicate, java.util.function.Function)}, with looser
     * shapes where the pairing has more to go on (t57-6, t57-8): a pair whose names make it clear pairs under
     * {@code clearlyNamed} (a column renamed with a wider type), and one that is the other's only candidate under
     * {@code compatible}, else under {@code alone} (a table renamed with a column widened), each a superset of
     * {@code compatible}. The candidates of an added item left unpaired are those under {@code alone}.
     */
    static <T> Pairing<T> pairRenames(List<T> removed, List<T> added, java.util.function.BiPredicate<T, T> compatible,
                                     java.util.function.BiPredicate<T, T> clearlyNamed, java.util.function.BiPredicate<T, T> alone,
                                     java.util.function.Function<T, String> name) {
        Map<T, T> renames = new LinkedHashMap<>();
        List<T> from = new ArrayList<>(removed);
        List<T> to = new ArrayList<>(added);
        for (T a : added) {
            String key = squeezed(name.apply(a));
            List<T> same = from.stream().filter(r -> clearlyNamed.test(r, a) && squeezed(name.apply(r)).equals(key)).toList();
            if (same.size() != 1) continue;
            T r = same.get(0);
            if (to.stream().filter(x -> clearlyNamed.test(r, x) && squeezed(name.apply(x)).equals(key)).count() != 1) continue;
            renames.put(a, r);
            from.remove(r);
            to.remove(a);
        }
        for (java.util.function.BiPredicate<T, T> shape : List.of(compatible, alone)) {
            Map<T, T> sole = new LinkedHashMap<>();
            for (T a : to) {
                List<T> candidates = from.stream().filter(r -> shape.test(r, a)).toList();
                if (candidates.size() == 1 && to.stream().filter(x -> shape.test(candidates.get(0), x)).count() == 1) {
                    sole.put(a, candidates.get(0));
                }
            }
            renames.putAll(sole);
            from.removeAll(sole.values());
            to.removeAll(sole.keySet());
        }
        Map<T, List<T>> ambiguous = new LinkedHashMap<>();
        for (T a : to) {
            List<T> candidates = from.stream().filter(r -> alone.test(r, a)).toList();
            if (!candidates.isEmpty()) ambiguous.put(a, candidates);
        }
        // in the order of the added ones, as before
        Map<T, T> ordered = new LinkedHashMap<>();
        for (T a : added) if (renames.containsKey(a)) ordered.put(a, renames.get(a));
        return new Pairing<>(ordered, ambiguous);
    }

    /** A name without case and separators: {@code firstName}, {@code first_name} and {@code FIRST_NAME} are one. */
    static String squeezed(String name) {
        return name.replaceAll("[_\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
