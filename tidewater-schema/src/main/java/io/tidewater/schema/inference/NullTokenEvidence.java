package io.tidewater.schema.inference;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;

/**
 * Which null tokens a sample shows to mean null. A token stands for null where the column otherwise holds numbers,
 * dates, timestamps or booleans; in a text column only when it stands unquoted in a file that quotes every other text
 * value, since there the text "NULL" would have been quoted.
 */
final class NullTokenEvidence {

    private final Map<String, Integer> evidenced = new LinkedHashMap<>();
    private final Map<String, Integer> unquotedInText = new LinkedHashMap<>();
    private int quotedText;
    private int unquotedText;
    private boolean sawQuotes;

    /** One non-empty value of the sample, whether it stood in quotes, and whether it is a null token. */
    void text(String value, boolean quoted, boolean token) {
        sawQuotes |= quoted;
        if (token) {
            if (!quoted) {
                unquotedInText.merge(value, 1, Integer::sum);
            }
        } else if (quoted) {
            quotedText++;
        } else if (!isPlainValue(value)) {
            unquotedText++;
        }
    }

    /** A column's type and the tokens seen in it. */
    void column(Type type, Map<String, Integer> tokens) {
        if (type.typeId() != Type.TypeID.STRING) {
            tokens.forEach((token, count) -> evidenced.merge(token, count, Integer::sum));
        }
    }

    /** The tokens with evidence, most often seen first. */
    List<String> found() {
        Map<String, Integer> all = new LinkedHashMap<>(evidenced);
        if (sawQuotes && quotedText > 0 && unquotedText == 0) {
            unquotedInText.forEach((token, count) -> all.merge(token, count, Integer::sum));
        }
        return all.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Numbers, dates and booleans are written unquoted by files that quote their text. */
    private static boolean isPlainValue(String value) {
        return ValueShape.of(value).kind() != ValueShape.Kind.STRING;
    }
}
