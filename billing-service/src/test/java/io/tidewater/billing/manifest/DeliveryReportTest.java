package io.tidewater.billing.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.SourceFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A delivery names its report by the report's S3 folder, the same for every delivery of every month. */
class DeliveryReportTest {

    @Test
    void legacyCurReportIsItsPrefixAndNameWhereverTheManifestLies() {
        assertThat(legacyCur("cur/payer-a/20240201-20240301/payer-a-Manifest.json", "payer-a"))
                .isEqualTo("s3://billing/cur/payer-a");
        assertThat(legacyCur("cur/payer-a/20240201-20240301/0a1b-2c3d/payer-a-Manifest.json", "payer-a"))
                .isEqualTo("s3://billing/cur/payer-a");
        assertThat(legacyCur("deep/prefix/hourly/20240301-20240401/hourly-Manifest.json", "hourly"))
                .isEqualTo("s3://billing/deep/prefix/hourly");
    }

    @Test
    void legacyCurWithoutAPrefixIsItsName() {
        assertThat(legacyCur("daily/20240201-20240301/daily-Manifest.json", "daily"))
                .isEqualTo("s3://billing/daily");
    }

    @Test
    void legacyCurCopiedOutsideAwsLayoutIsItsManifestFolderAndName() {
        assertThat(legacyCur("copies/march/payer-a-Manifest.json", "payer-a"))
                .isEqualTo("s3://billing/copies/march/payer-a");
    }

    @Test
    void dataExportReportIsItsPrefixAndExportName() {
        DataExportDelivery delivery = new DataExportDelivery(
                "billing",
                "exports/focus-daily/metadata/BILLING_PERIOD=2024-02/focus-daily-Manifest.json",
                "focus-daily",
                "arn:aws:bcm-data-exports:us-east-1:123456789012:export/focus-daily-0a1b2c3d",
                YearMonth.of(2024, 2),
                "exec-1",
                Instant.EPOCH,
                List.of(new DeliveryFile("exports/focus-daily/data/BILLING_PERIOD=2024-02/a.csv.gz", 10)),
                SourceFormat.CSV,
                List.of());

        assertThat(delivery.report()).isEqualTo("s3://billing/exports/focus-daily");
    }

    private static String legacyCur(String manifestKey, String reportName) {
        return new LegacyCurDelivery(
                        "billing",
                        manifestKey,
                        reportName,
                        YearMonth.of(2024, 2),
                        "assembly",
                        Instant.EPOCH,
                        List.of(new DeliveryFile("data.csv.gz", 10)),
                        SourceFormat.CSV,
                        List.of())
                .report();
    }
}
