package io.tidewater.billing.manifest;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.SourceFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A legacy Cost and Usage Report delivery: {@code <report>-Manifest.json} at the period level or in the assembly
 * folder, with CSV (header, gzip) or Parquet data.
 *
 * @param reportName the report's name from the manifest
 */
public record LegacyCurDelivery(
        String bucket,
        String manifestKey,
        String reportName,
        YearMonth billingPeriod,
        String assemblyId,
        Instant manifestModifiedAt,
        List<DeliveryFile> files,
        SourceFormat format,
        List<ManifestColumn> declaredColumns)
        implements BillingDelivery {

    public LegacyCurDelivery {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(manifestKey, "manifestKey is null");
        requireNonNull(billingPeriod, "billingPeriod is null");
        requireNonNull(assemblyId, "assemblyId is null");
        requireNonNull(manifestModifiedAt, "manifestModifiedAt is null");
        requireNonNull(format, "format is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        declaredColumns = List.copyOf(requireNonNull(declaredColumns, "declaredColumns is null"));
    }

    @Override
    public String kind() {
        return "legacy-cur";
    }
}
