package dev.retort.script;

import dev.retort.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which other Java revision files each one may use: a helper class, an enum or an abstract base class declared beside
 * another revision. They are compiled and loaded with it, whichever revisions a run needs, and its compiled classes are
 * linked against theirs, so its cache key holds their checksums: a helper edited compiles the revisions that use it
 * again rather than leaving them linked to the old one (t29-1).
 * <p>
 * Told from the source text, without compiling: a file uses another when one of the other's top-level type names
 * appears in it as a word, in code, a comment or a string alike (a word too many only compiles a file more; a word
 * missed would leave out a class javac or the run needs), and then what that one uses in turn. javac resolves no
 * name that is not in the source, so this is every revision file a compile of it can need.
 */
final class JavaRevisionUses {
    private JavaRevisionUses() {
    }

    /**
     * @param start    the revisions a run needs
     * @param declared every Java revision's top-level types (qualified names), as the headers said
     * @return for each of {@code start} and every file they use, directly or not, the other files it uses, directly
     *         or not, in path order; each of them is read once (its checksum is kept from the same bytes), no other
     */
    static Map<RevisionScript, List<RevisionScript>> of(Collection<RevisionScript> start,
                                                        Map<RevisionScript, List<String>> declared) {
        Map<String, List<RevisionScript>> bySimpleName = new HashMap<>();
        declared.forEach((s, types) -> {
            for (String t : types) {
                bySimpleName.computeIfAbsent(t.substring(t.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(s);
            }
        });
        int longest = bySimpleName.keySet().stream().mapToInt(String::length).max().orElse(0);
        boolean[] nameLengths = new boolean[longest + 1];
        for (String name : bySimpleName.keySet()) nameLengths[name.length()] = true;
        Map<RevisionScript, Set<RevisionScript>> direct = new LinkedHashMap<>();
        List<RevisionScript> toRead = new ArrayList<>(new LinkedHashSet<>(start));
        while (!toRead.isEmpty()) {
            // many files (a first run): read them on all cores, as the headers are
            List<Set<RevisionScript>> found = (toRead.size() < 64 ? toRead.stream() : toRead.parallelStream())
                    .map(s -> direct(s, bySimpleName, nameLengths)).toList();
            Set<RevisionScript> next = new LinkedHashSet<>();
            for (int i = 0; i < toRead.size(); i++) {
                direct.put(toRead.get(i), found.get(i));
                next.addAll(found.get(i));
            }
            next.removeAll(direct.keySet());
            toRead = new ArrayList<>(next);
        }
        Map<RevisionScript, List<RevisionScript>> out = new LinkedHashMap<>();
        for (RevisionScript s : direct.keySet()) out.put(s, closure(s, direct));
        return out;
    }

    private static Set<RevisionScript> direct(RevisionScript s, Map<String, List<RevisionScript>> bySimpleName,
                                              boolean[] nameLengths) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(s.path());
        } catch (IOException e) {
            throw IoErrors.failure("Cannot read " + s.path(), e);
        }
        s.checksumFrom(bytes);
        Set<RevisionScript> uses = new HashSet<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length()) {
            if (Character.isJavaIdentifierStart(text.charAt(i))) {
                int start = i++;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) i++;
                // most words are no type's name: their length says so without making a string of them
                int length = i - start;
                if (length < nameLengths.length && nameLengths[length]) {
                    List<RevisionScript> declaring = bySimpleName.get(text.substring(start, i));
                    if (declaring != null) uses.addAll(declaring);
                }
            } else {
                i++;
            }
        }
        uses.remove(s);
        return uses;
    }

    private static List<RevisionScript> closure(RevisionScript from, Map<RevisionScript, Set<RevisionScript>> direct) {
        Set<RevisionScript> seen = new LinkedHashSet<>();
        Deque<RevisionScript> todo = new ArrayDeque<>(direct.get(from));
        while (!todo.isEmpty()) {
            RevisionScript s = todo.pop();
            if (s != from && seen.add(s)) todo.addAll(direct.get(s));
        }
        List<RevisionScript> out = new ArrayList<>(seen);
        out.sort(Comparator.comparing(s -> s.path().toString()));
        return out;
    }
}
