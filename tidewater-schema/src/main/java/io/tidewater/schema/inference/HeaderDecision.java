package io.tidewater.schema.inference;

import java.util.List;

/** Whether the first record is a header, what decided it, and the source names of the columns. */
record HeaderDecision(boolean header, HeaderEvidence evidence, List<String> sourceNames, List<String> warnings) {}
