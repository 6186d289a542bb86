package io.tidewater.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of an Amazon S3 Inventory report, in the order S3 writes them, each with the column it becomes and its
 * Iceberg type: one list for the inventory service, the demo generator, the benchmarks, the AWS deployment and the
 * tests. The types are those S3's Parquet reports give the fields, whatever the report's format.
 */
public enum S3InventoryField {
    BUCKET("Bucket", "bucket", "string"),
    KEY("Key", "key", "string"),
    VERSION_ID("VersionId", "version_id", "string"),
    IS_LATEST("IsLatest", "is_latest", "boolean"),
    IS_DELETE_MARKER("IsDeleteMarker", "is_delete_marker", "boolean"),
    SIZE("Size", "size", "long"),
    LAST_MODIFIED_DATE("LastModifiedDate", "last_modified_date", "timestamptz"),
    E_TAG("ETag", "e_tag", "string"),
    STORAGE_CLASS("StorageClass", "storage_class", "string"),
    IS_MULTIPART_UPLOADED("IsMultipartUploaded", "is_multipart_uploaded", "boolean"),
    REPLICATION_STATUS("ReplicationStatus", "replication_status", "string"),
    ENCRYPTION_STATUS("EncryptionStatus", "encryption_status", "string"),
    OBJECT_LOCK_RETAIN_UNTIL_DATE("ObjectLockRetainUntilDate", "object_lock_retain_until_date", "timestamptz"),
    OBJECT_LOCK_MODE("ObjectLockMode", "object_lock_mode", "string"),
    OBJECT_LOCK_LEGAL_HOLD_STATUS("ObjectLockLegalHoldStatus", "object_lock_legal_hold_status", "string"),
    INTELLIGENT_TIERING_ACCESS_TIER("IntelligentTieringAccessTier", "intelligent_tiering_access_tier", "string"),
    BUCKET_KEY_STATUS("BucketKeyStatus", "bucket_key_status", "string"),
    CHECKSUM_ALGORITHM("ChecksumAlgorithm", "checksum_algorithm", "string"),
    OBJECT_ACCESS_CONTROL_LIST("ObjectAccessControlList", "object_access_control_list", "string"),
    OBJECT_OWNER("ObjectOwner", "object_owner", "string"),
    LIFECYCLE_EXPIRATION_DATE("LifecycleExpirationDate", "lifecycle_expiration_date", "timestamptz");

    /**
     * The fields of a CSV report whose manifest has no {@code fileSchema} and whose files have no header: S3's default
     * fields, {@code Bucket} to {@code StorageClass}.
     */
    public static final List<S3InventoryField> DEFAULT_CSV_FIELDS = List.of(
            BUCKET, KEY, VERSION_ID, IS_LATEST, IS_DELETE_MARKER, SIZE, LAST_MODIFIED_DATE, E_TAG, STORAGE_CLASS);

    private final String fieldName;
    private final String columnName;
    private final String type;

    S3InventoryField(String fieldName, String columnName, String type) {
        this.fieldName = fieldName;
        this.columnName = columnName;
        this.type = type;
    }

    /** The name S3 gives the field in a manifest's {@code fileSchema} and a configuration's optional fields. */
    public String fieldName() {
        return fieldName;
    }

    /** The table column the field becomes: {@code IsLatest} becomes {@code is_latest}, {@code ETag} {@code e_tag}. */
    public String columnName() {
        return columnName;
    }

    /** The Iceberg type of the column as Iceberg prints it: {@code string}, {@code long}, {@code timestamptz}, ... */
    public String type() {
        return type;
    }

    /** Whether every row has a value: only the bucket and the key do. */
    public boolean isRequired() {
        return this == BUCKET || this == KEY;
    }

    /** The field that becomes the column {@code columnName}, if S3 documents one. */
    public static Optional<S3InventoryField> ofColumn(String columnName) {
        return Arrays.stream(values())
                .filter(field -> field.columnName.equals(columnName))
                .findFirst();
    }

    /** The fields' S3 names, in order, as a manifest's {@code fileSchema} lists them ({@code "Bucket, Key, ..."}). */
    public static String fileSchema(List<S3InventoryField> fields) {
        return String.join(
                ", ", fields.stream().map(S3InventoryField::fieldName).toList());
    }
}
