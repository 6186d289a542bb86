package io.tidewater.schema.inference;

/** How records end in a text file. */
public enum LineSeparator {
    LF("\n"),
    CRLF("\r\n"),
    /** Carriage return alone, as classic Mac OS and some spreadsheet exports write. */
    CR("\r");

    private final String sequence;

    LineSeparator(String sequence) {
        this.sequence = sequence;
    }

    /** @return the characters that end a record */
    public String sequence() {
        return sequence;
    }
}
