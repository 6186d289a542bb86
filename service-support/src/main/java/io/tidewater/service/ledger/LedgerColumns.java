package io.tidewater.service.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How every ledger writes and reads the column shapes they share. */
public final class LedgerColumns {

    /** The most characters a ledger's detail column keeps: a failure's reason can be a whole stack of causes. */
    public static final int DETAIL_LENGTH = 4000;

    private LedgerColumns() {}

    /** A reason or detail as the ledger keeps it: cut to {@value #DETAIL_LENGTH} characters, ending in "...". */
    public static String detail(String text) {
        return text == null || text.length() <= DETAIL_LENGTH ? text : text.substring(0, DETAIL_LENGTH - 3) + "...";
    }

    /** A nullable number column: JDBC reads SQL NULL as 0 otherwise. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
