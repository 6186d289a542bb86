package io.tidewater.trigger.run;

/** A key's newest event, to save. */
record KeyedPosition(String bucket, String key, KeyPosition position) {}
