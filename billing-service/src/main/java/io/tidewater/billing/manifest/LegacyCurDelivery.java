package io.tidewater.billing.manifest;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.SourceFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** AWS writes {@code <prefix>/<report-name>/<yyyyMMdd-yyyyMMdd>/[<assemblyId>/]<report-name>-Manifest.json}. */
    private static final Pattern REPORT_FOLDER = Pattern.compile("^(?<folder>.*?)/?\\d{8}-\\d{8}/");

    @Override
    public String report() {
        Matcher folder = REPORT_FOLDER.matcher(manifestKey);
        if (folder.find() && !folder.group("folder").isEmpty()) {
            return "s3://" + bucket + "/" + folder.group("folder");
        }
        // A copy outside AWS's layout: the report is named by the manifest's folder and the report's name.
        int slash = manifestKey.lastIndexOf('/');
        String manifestFolder = slash < 0 ? "" : manifestKey.substring(0, slash + 1);
        return "s3://" + bucket + "/" + manifestFolder + reportName;
    }

    @Override
    public String kind() {
        return "legacy-cur";
    }
}
