package io.tidewater.inventory.intake;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.ReportArrived;

/** What starts the intake of a report. */
public sealed interface ReportRequest {

    /** The workflow trigger routed a completion marker here. */
    record Routed(ReportArrived arrived) implements ReportRequest {
        public Routed {
            requireNonNull(arrived, "arrived is null");
        }
    }

    /** The bucket and key of a {@code manifest.json} or {@code manifest.checksum}. */
    record AtLocation(String bucket, String key) implements ReportRequest {
        public AtLocation {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(key, "key is null");
        }
    }

    /**
     * A manifest passed inline, as the original filemanager lambda took it.
     *
     * @param bucket where the data files are; {@code null} for the manifest's {@code destinationBucket}
     * @param manifestJson the {@code manifest.json} content
     */
    record Inline(String bucket, String manifestJson) implements ReportRequest {
        public Inline {
            requireNonNull(manifestJson, "manifestJson is null");
        }
    }
}
