package io.tidewater.schema.inference;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

/** The narrowest type family one text value fits, with the digits a decimal needs. */
record ValueShape(Kind kind, int integerDigits, int scale) {
    enum Kind {
        BOOLEAN,
        INT,
        LONG,
        BIG_INTEGER,
        DECIMAL,
        DOUBLE,
        DATE,
        TIMESTAMP,
        TIMESTAMPTZ,
        STRING
    }

    private static final ValueShape BOOLEAN = new ValueShape(Kind.BOOLEAN, 0, 0);
    private static final ValueShape DOUBLE = new ValueShape(Kind.DOUBLE, 0, 0);
    private static final ValueShape DATE = new ValueShape(Kind.DATE, 0, 0);
    private static final ValueShape TIMESTAMP = new ValueShape(Kind.TIMESTAMP, 0, 0);
    private static final ValueShape TIMESTAMPTZ = new ValueShape(Kind.TIMESTAMPTZ, 0, 0);
    static final ValueShape STRING = new ValueShape(Kind.STRING, 0, 0);

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FIXED_POINT = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+)");
    private static final Pattern FLOATING = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME_TEXT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)\\s?(Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .toFormatter();

    static ValueShape of(String value) {
        int length = value.length();
        if (length == 0) {
            return STRING;
        }
        char first = value.charAt(0);
        if ((first == 't' || first == 'T' || first == 'f' || first == 'F')
                && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            return BOOLEAN;
        }
        if (first != '+' && first != '-' && first != '.' && (first < '0' || first > '9')) {
            return STRING;
        }
        if (INTEGER.matcher(value).matches()) {
            return integer(value);
        }
        if (FIXED_POINT.matcher(value).matches()) {
            return fixedPoint(value);
        }
        if (FLOATING.matcher(value).matches()) {
            return DOUBLE;
        }
        if (length == 10 && DATE_TEXT.matcher(value).matches()) {
            try {
                LocalDate.parse(value);
                return DATE;
            } catch (DateTimeParseException e) {
                return STRING;
            }
        }
        if (length >= 16) {
            return dateTime(value);
        }
        return STRING;
    }

    private static ValueShape integer(String value) {
        String digits = unsigned(value);
        // Leading zeros mean an identifier (account id, zip code): a number would lose them.
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return STRING;
        }
        if (digits.length() <= 9) {
            return new ValueShape(Kind.INT, digits.length(), 0);
        }
        if (digits.length() <= 19) {
            try {
                long parsed = Long.parseLong(value);
                boolean fitsInt = parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE;
                return new ValueShape(fitsInt ? Kind.INT : Kind.LONG, digits.length(), 0);
            } catch (NumberFormatException e) {
                return new ValueShape(Kind.BIG_INTEGER, digits.length(), 0);
            }
        }
        return digits.length() <= 38 ? new ValueShape(Kind.BIG_INTEGER, digits.length(), 0) : STRING;
    }

    private static ValueShape fixedPoint(String value) {
        String digits = unsigned(value);
        int point = digits.indexOf('.');
        String integerPart = stripLeadingZeros(digits.substring(0, point));
        int scale = digits.length() - point - 1;
        int integerDigits = integerPart.length();
        if (integerDigits + scale > 38) {
            return DOUBLE;
        }
        return new ValueShape(Kind.DECIMAL, integerDigits, scale);
    }

    private static ValueShape dateTime(String value) {
        var matcher = DATE_TIME_TEXT.matcher(value);
        if (!matcher.matches()) {
            return STRING;
        }
        String local = matcher.group(1).replace(',', '.');
        String zone = matcher.group(2);
        try {
            LocalDateTime.parse(local, LOCAL_DATE_TIME);
            if (zone == null) {
                return TIMESTAMP;
            }
            if (!zone.equals("Z") && !zone.equals("UTC")) {
                String offset = zone.length() == 3
                        ? zone + ":00"
                        : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
                OffsetDateTime.parse(local.replace(' ', 'T') + offset);
            }
            return TIMESTAMPTZ;
        } catch (DateTimeParseException e) {
            return STRING;
        }
    }

    private static String unsigned(String value) {
        char first = value.charAt(0);
        return first == '+' || first == '-' ? value.substring(1) : value;
    }

    private static String stripLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }
}
