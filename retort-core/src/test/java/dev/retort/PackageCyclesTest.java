package dev.retort;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 9: the packages follow the data (config -> script -> graph -> runtime -> ops -> dialect ->
 * autogenerate) with no cycles. The dependencies are read from retort-core's compiled classes (the class names,
 * descriptors and generic signatures in each constant pool), so an import left unused does not count and a
 * fully-qualified name in code does. Blind spot: a {@code static final} constant of another package, which javac
 * copies into the class that reads it.
 */
class PackageCyclesTest {
    /**
     * Cycles not broken yet, none today: each a strongly connected set of packages, mapped to why it stays. The sets
     * found must be exactly these, so a new cycle (or a package joining one) fails, and so does an entry left here
     * once its cycle is gone.
     */
    private static final Map<Set<String>, String> ALLOWED = Map.of();

    @Test
    void packagesHaveNoCyclesBeyondTheListedOnes() throws IOException, URISyntaxException {
        Map<String, Map<String, Set<String>>> graph = dependencies(classes());
        assertThat(graph).as("retort-core's packages, read from " + classes()).containsKeys("config", "dialect", "autogenerate");
        Map<Set<String>, String> found = new HashMap<>();
        for (Set<String> cycle : cycles(graph)) found.put(cycle, describe(cycle, graph));
        assertThat(found.keySet()).as("package cycles (a -> b: the classes of a that use b):\n"
                + String.join("\n", found.values())).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    /** retort-core's {@code target/classes}, where its main classes were loaded from. */
    private static Path classes() throws URISyntaxException {
        return Path.of(RetortException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Package -> packages it uses -> simple names of its classes that do; packages relative to dev.retort. */
    private static Map<String, Map<String, Set<String>>> dependencies(Path root) throws IOException {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            if (!name.startsWith("dev/retort/")) continue;
            String from = packageOf(name);
            Map<String, Set<String>> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
            String simple = name.substring(name.lastIndexOf('/') + 1, name.length() - ".class".length()).replaceAll("\\$.*", "");
            try (InputStream in = Files.newInputStream(file)) {
                for (String used : referencedClasses(in)) {
                    String to = packageOf(used);
                    if (!to.equals(from)) uses.computeIfAbsent(to, k -> new TreeSet<>()).add(simple);
                }
            }
        }
        // only retort-core's own packages (test-only or missing ones cannot close a cycle here)
        graph.values().forEach(uses -> uses.keySet().retainAll(graph.keySet()));
        return graph;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        String pkg = internalName.substring(0, slash).replace('/', '.');
        return pkg.equals("dev.retort") ? "(root)" : pkg.substring("dev.retort.".length());
    }

    private static final Pattern RETORT_CLASS = Pattern.compile("dev/retort/[A-Za-z0-9_$/]+");

    /**
     * The dev.retort classes a class file names: in its constant pool every class, descriptor and signature is a
     * UTF-8 entry, and the only other UTF-8 entries holding such text would be string literals, which are skipped.
     */
    static Set<String> referencedClasses(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> literals = new java.util.HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> literals.add(in.readUnsignedShort());               // String -> its UTF-8
                case 7, 16, 19, 20 -> in.readUnsignedShort();                 // Class, MethodType, Module, Package
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();             // two u2 or one u4
                case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
                case 5, 6 -> { in.readLong(); i++; }                          // Long, Double: two slots
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null || literals.contains(i)) continue;
            Matcher m = RETORT_CLASS.matcher(utf8[i]);
            while (m.find()) names.add(m.group());
        }
        return names;
    }

    /** The strongly connected sets of two or more packages (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Map<String, Set<String>>> graph) {
        List<Set<String>> out = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        List<String> stack = new ArrayList<>();
        for (String p : graph.keySet()) if (!index.containsKey(p)) connect(p, graph, index, low, stack, out);
        return out;
    }

    private static void connect(String v, Map<String, Map<String, Set<String>>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, List<String> stack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : graph.get(v).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) out.add(Set.copyOf(component));
        }
    }

    private static String describe(Set<String> cycle, Map<String, Map<String, Set<String>>> graph) {
        return new TreeSet<>(cycle).stream().flatMap(a -> graph.get(a).entrySet().stream()
                        .filter(e -> cycle.contains(e.getKey()))
                        .map(e -> "  " + a + " -> " + e.getKey() + " " + e.getValue()))
                .collect(Collectors.joining("\n", "cycle " + new TreeSet<>(cycle) + ":\n", ""));
    }
}
