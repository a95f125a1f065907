package dev.retort.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compact graph notation for tests: {@code "id:parent1,parent2|dep1,dep2#label1,label2"}, each part after the
 * id optional. Created dates follow the order given, so history order is predictable.
 */
final class Graphs {
    private Graphs() {
    }

    static RevisionGraph graph(String... specs) {
        return RevisionGraph.of(headers(specs));
    }

    static List<RevisionHeader> headers(String... specs) {
        List<RevisionHeader> out = new ArrayList<>();
        int k = 0;
        for (String spec : specs) {
            out.add(header(spec, String.format("2026-01-01T00:%02d:%02dZ", k / 60, k % 60)));
            k++;
        }
        return out;
    }

    static RevisionHeader header(String spec, String created) {
        String rest = spec;
        List<String> labels = List.of();
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            labels = split(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        List<String> deps = List.of();
        int bar = rest.indexOf('|');
        if (bar >= 0) {
            deps = split(rest.substring(bar + 1));
            rest = rest.substring(0, bar);
        }
        List<String> parents = List.of();
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            parents = split(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        return new RevisionHeader(rest, parents, labels, deps, "msg " + rest, created, "versions/" + rest + ".sql");
    }

    static Set<String> set(String... ids) {
        return new LinkedHashSet<>(Arrays.asList(ids));
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
