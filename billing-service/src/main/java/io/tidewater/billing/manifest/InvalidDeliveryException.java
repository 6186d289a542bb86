package io.tidewater.billing.manifest;

/** The delivery is wrong as delivered (unreadable manifest, missing file, unknown format): do not retry, park it. */
public class InvalidDeliveryException extends RuntimeException {

    public InvalidDeliveryException(String message) {
        super(message);
    }

    public InvalidDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
