package io.tidewater.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3InventoryFieldTest {

    @Test
    void findsAFieldByItsColumn() {
        assertThat(S3InventoryField.ofColumn("e_tag")).contains(S3InventoryField.E_TAG);
        assertThat(S3InventoryField.ofColumn("etag")).isEmpty();
    }

    @Test
    void writesAFileSchemaAsAManifestDoes() {
        assertThat(S3InventoryField.fileSchema(
                        List.copyOf(EnumSet.range(S3InventoryField.BUCKET, S3InventoryField.IS_DELETE_MARKER))))
                .isEqualTo("Bucket, Key, VersionId, IsLatest, IsDeleteMarker");
    }

    @Test
    void requiresOnlyTheBucketAndTheKey() {
        assertThat(EnumSet.allOf(S3InventoryField.class).stream().filter(S3InventoryField::isRequired))
                .containsExactly(S3InventoryField.BUCKET, S3InventoryField.KEY);
    }
}
