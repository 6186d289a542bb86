package io.tidewater.local.demo;

import java.math.BigDecimal;

/**
 * One generated delivery of a legacy Cost and Usage Report month, in AWS's "create new report version" layout.
 *
 * @param assemblyId the delivery's assembly id
 * @param billingPeriod {@code YYYY-MM}
 * @param dataKey the key of the CSV.gz data file
 * @param data the gzip-compressed CSV with a header line
 * @param assemblyManifestKey the manifest in the assembly folder, never overwritten
 * @param periodManifestKey the manifest in the period folder, overwritten by every delivery
 * @param manifest the manifest's JSON
 * @param rows line items in the delivery
 * @param unblendedCost the sum of {@code lineItem/UnblendedCost}
 */
public record CurDelivery(
        String assemblyId,
        String billingPeriod,
        String dataKey,
        byte[] data,
        String assemblyManifestKey,
        String periodManifestKey,
        byte[] manifest,
        long rows,
        BigDecimal unblendedCost) {}
