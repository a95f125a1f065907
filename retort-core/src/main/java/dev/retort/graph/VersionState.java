package dev.retort.graph;

import java.util.BitSet;
import java.util.List;

/**
 * The database's position: the rows of the version table as given, and every revision they imply applied
 * (their ancestors and dependencies).
 */
record VersionState(List<String> rows, BitSet rowSet, BitSet applied) {
}
