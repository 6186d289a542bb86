package io.tidewater.schema.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fields of a delimited sample were quoted. A parser hands back the values alone; whether {@code NULL} stood in
 * quotes is the evidence that tells a null token from the text "NULL" in a file that quotes its text.
 */
final class QuotedFields {

    private QuotedFields() {}

    /** Per record, in the order a parser that skips empty lines returns them, whether each field was quoted. */
    static List<List<Boolean>> scan(String text, CsvDialect dialect) {
        List<List<Boolean>> records = new ArrayList<>();
        if (dialect.quote() == null) {
            return records;
        }
        char quote = dialect.quote();
        Character escape = dialect.escape();
        char delimiter = dialect.delimiter();
        List<Boolean> record = new ArrayList<>();
        boolean fieldStart = true;
        boolean inQuotes = false;
        boolean recordEmpty = true;
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (inQuotes) {
                if (escape != null && escape != quote && current == escape) {
                    index++;
                } else if (current == quote) {
                    boolean doubled = index + 1 < text.length() && text.charAt(index + 1) == quote;
                    if (doubled) {
                        index++;
                    } else {
                        inQuotes = false;
                    }
                }
                continue;
            }
            if (current == '\n' || current == '\r') {
                if (!recordEmpty) {
                    if (fieldStart) {
                        record.add(Boolean.FALSE);
                    }
                    records.add(record);
                }
                record = new ArrayList<>();
                fieldStart = true;
                recordEmpty = true;
                continue;
            }
            recordEmpty = false;
            if (current == delimiter) {
                if (fieldStart) {
                    record.add(Boolean.FALSE);
                }
                fieldStart = true;
                continue;
            }
            if (fieldStart) {
                record.add(current == quote);
                inQuotes = current == quote;
                fieldStart = false;
            }
        }
        if (!recordEmpty) {
            if (fieldStart) {
                record.add(Boolean.FALSE);
            }
            records.add(record);
        }
        return records;
    }
}
