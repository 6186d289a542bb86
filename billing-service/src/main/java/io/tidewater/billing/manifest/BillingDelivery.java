package io.tidewater.billing.manifest;

import io.tidewater.contract.SourceFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One delivery of a billing report: the whole billing period to date, as one manifest describes it. A newer delivery
 * of the same period restates it completely.
 */
public sealed interface BillingDelivery permits LegacyCurDelivery, DataExportDelivery {

    /** The bucket the manifest and the data files are in. */
    String bucket();

    /** The key of the manifest that announced this delivery. */
    String manifestKey();

    /** The month the delivery restates. */
    YearMonth billingPeriod();

    /** What tells deliveries apart: the legacy CUR assembly id, or the export's execution id or manifest ETag. */
    String assemblyId();

    /** When S3 last wrote the manifest: the order of deliveries, as manifests carry no delivery time. */
    Instant manifestModifiedAt();

    /** The data files, never empty. */
    List<DeliveryFile> files();

    SourceFormat format();

    /** The columns the manifest declares in file order, with their manifest types; empty when it declares none. */
    List<ManifestColumn> declaredColumns();

    /**
     * The report this is a delivery of, as the S3 location of its folder: {@code s3://bucket/prefix/report-name} for a
     * legacy CUR, {@code s3://bucket/prefix/export-name} for a Data Export. A delivery replaces its own report's rows
     * of the period and no other report's.
     */
    String report();

    /** {@code legacy-cur} or {@code data-export}. */
    String kind();

    default String manifestUri() {
        return "s3://" + bucket() + "/" + manifestKey();
    }

    /** The billing period in the form tables and the admin API use, {@code YYYY-MM}. */
    default String period() {
        return billingPeriod().toString();
    }
}
