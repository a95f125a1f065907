package dev.retort.graph;

import java.util.BitSet;

/**
 * What a TARGET means once resolved against the graph and the current version rows.
 *
 * @param targets    revisions to reach: an upgrade applies their ancestry, a downgrade keeps them and reverts
 *                   what is applied above them, a stamp records them
 * @param revertFrom revisions to take away together with everything applied above them (the {@code base} forms,
 *                   and the exact set a relative {@code -N} reverts)
 * @param relative   true for {@code +N}/{@code -N}: the destination depends on the current rows
 */
record Destination(BitSet targets, BitSet revertFrom, boolean relative) {
    static Destination reach(BitSet targets) {
        return new Destination(targets, new BitSet(), false);
    }

    static Destination below(BitSet roots) {
        return new Destination(new BitSet(), roots, false);
    }
}
