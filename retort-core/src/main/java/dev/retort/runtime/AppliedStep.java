package dev.retort.runtime;

import dev.retort.graph.Step;

/** A step that ran, with how long it took. */
public record AppliedStep(Step step, long durationMs) {
}
