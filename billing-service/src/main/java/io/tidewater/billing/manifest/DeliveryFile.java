package io.tidewater.billing.manifest;

import static java.util.Objects.requireNonNull;

/**
 * A data file of a delivery.
 *
 * @param key the key in the delivery's bucket
 * @param size its size in bytes
 */
public record DeliveryFile(String key, long size) {

    public DeliveryFile {
        requireNonNull(key, "key is null");
    }

    public boolean gzip() {
        return key.endsWith(".gz");
    }
}
