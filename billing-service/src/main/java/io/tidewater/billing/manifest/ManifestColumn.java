package io.tidewater.billing.manifest;

import static java.util.Objects.requireNonNull;

/**
 * A column a manifest declares.
 *
 * @param sourceName the name in the data files: {@code category/name} for legacy CUR, as the CSV header has it
 * @param type the manifest's type ({@code BigDecimal}, {@code DateTime}, {@code double}, ...), or {@code null} when the
 *     manifest gives none
 */
public record ManifestColumn(String sourceName, String type) {

    public ManifestColumn {
        requireNonNull(sourceName, "sourceName is null");
    }
}
