package io.tidewater.trigger.run;

/** S3's ordering of events for one key: right-pad the shorter sequencer with zeros, then compare as strings. */
final class Sequencers {

    private Sequencers() {}

    static int compare(String left, String right) {
        int length = Math.max(left.length(), right.length());
        return pad(left, length).compareTo(pad(right, length));
    }

    private static String pad(String sequencer, int length) {
        return sequencer.toUpperCase(java.util.Locale.ROOT) + "0".repeat(length - sequencer.length());
    }
}
