package io.tidewater.billing.manifest;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.SourceFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A Data Exports delivery (CUR 2.0 or FOCUS): {@code metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json} and the
 * files under {@code data/BILLING_PERIOD=YYYY-MM/}.
 *
 * @param exportName the export's name, from the manifest key
 * @param exportArn the ARN of the export, as the manifest gives it; empty when it gives none. The report stays the S3
 *     folder: the ARN names the export, not where its rows come from, and legacy CUR reports have none.
 */
public record DataExportDelivery(
        String bucket,
        String manifestKey,
        String exportName,
        String exportArn,
        YearMonth billingPeriod,
        String assemblyId,
        Instant manifestModifiedAt,
        List<DeliveryFile> files,
        SourceFormat format,
        List<ManifestColumn> declaredColumns)
        implements BillingDelivery {

    public DataExportDelivery {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(manifestKey, "manifestKey is null");
        requireNonNull(exportName, "exportName is null");
        requireNonNull(exportArn, "exportArn is null");
        requireNonNull(billingPeriod, "billingPeriod is null");
        requireNonNull(assemblyId, "assemblyId is null");
        requireNonNull(manifestModifiedAt, "manifestModifiedAt is null");
        requireNonNull(format, "format is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        declaredColumns = List.copyOf(requireNonNull(declaredColumns, "declaredColumns is null"));
    }

    @Override
    public String report() {
        int metadata = manifestKey.indexOf(exportName + "/metadata/");
        return "s3://" + bucket + "/" + manifestKey.substring(0, Math.max(metadata, 0)) + exportName;
    }

    @Override
    public String kind() {
        return "data-export";
    }
}
