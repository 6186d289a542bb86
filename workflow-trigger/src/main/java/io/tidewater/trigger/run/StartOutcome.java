package io.tidewater.trigger.run;

/** What asking for a run for an object version did. */
public sealed interface StartOutcome {

    /** A new run was recorded; it is sent now, or waits for its table or its paused pipeline. */
    record Started(Run run) implements StartOutcome {}

    /** The object version already has a run: a redelivery, or the sweep and the event both found it. */
    record Duplicate(Run run) implements StartOutcome {}

    /** A newer event for the same key came first; this older one starts nothing. */
    record Superseded(String uri, String reason) implements StartOutcome {}
}
