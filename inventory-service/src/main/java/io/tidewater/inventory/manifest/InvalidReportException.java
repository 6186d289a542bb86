package io.tidewater.inventory.manifest;

/** The report is wrong as delivered (checksum mismatch, missing file, unknown format): nothing of it is loaded. */
public class InvalidReportException extends RuntimeException {

    public InvalidReportException(String message) {
        super(message);
    }

    public InvalidReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
