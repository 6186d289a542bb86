package io.tidewater.billing.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A legacy CUR {@code <report>-Manifest.json}, as AWS writes it; {@code type} is absent before 2019. */
@JsonIgnoreProperties(ignoreUnknown = true)
record LegacyCurManifest(
        String assemblyId,
        String account,
        List<Column> columns,
        String charset,
        String compression,
        String contentType,
        String reportId,
        String reportName,
        BillingPeriod billingPeriod,
        String bucket,
        List<String> reportKeys) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Column(String category, String name, String type) {
        String sourceName() {
            return category + "/" + name;
        }
    }

    /** Start and end as {@code 20191201T000000.000Z}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BillingPeriod(String start, String end) {}
}
