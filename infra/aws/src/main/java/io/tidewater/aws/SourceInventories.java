package io.tidewater.aws;

import io.tidewater.contract.S3InventoryField;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * A daily S3 Inventory configuration, named {@code tidewater}, on each source bucket. The source buckets belong to the
 * user and are not managed by CloudFormation, so the configuration is set (and removed on delete) through the S3 API,
 * with a policy that may do exactly that on exactly those buckets.
 */
final class SourceInventories extends Construct {

    static final String CONFIGURATION_ID = "tidewater";

    SourceInventories(Construct scope, String id, List<String> sourceBuckets, IBucket destination, String prefix) {
        super(scope, id);
        for (String source : sourceBuckets) {
            Map<String, Object> bucketAndId = Map.of("Bucket", source, "Id", CONFIGURATION_ID);
            AwsSdkCall put = AwsSdkCall.builder()
                    .service("S3")
                    .action("putBucketInventoryConfiguration")
                    .parameters(Map.of(
                            "Bucket",
                            source,
                            "Id",
                            CONFIGURATION_ID,
                            "InventoryConfiguration",
                            configuration(destination, prefix)))
                    .physicalResourceId(PhysicalResourceId.of(source + "/" + CONFIGURATION_ID))
                    .build();
            AwsCustomResource.Builder.create(this, source)
                    .onCreate(put)
                    .onUpdate(put)
                    .onDelete(AwsSdkCall.builder()
                            .service("S3")
                            .action("deleteBucketInventoryConfiguration")
                            .parameters(bucketAndId)
                            .build())
                    .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                            // Put and delete of an inventory configuration are both this one IAM action.
                            .actions(List.of("s3:PutInventoryConfiguration"))
                            .resources(List.of("arn:" + Aws.PARTITION + ":s3:::" + source))
                            .build())))
                    .installLatestAwsSdk(false)
                    .build();
        }
    }

    private static Map<String, Object> configuration(IBucket destination, String prefix) {
        return Map.of(
                "Id",
                CONFIGURATION_ID,
                "IsEnabled",
                true,
                "IncludedObjectVersions",
                "All",
                "Schedule",
                Map.of("Frequency", "Daily"),
                "Destination",
                Map.of(
                        "S3BucketDestination",
                        Map.of(
                                "Bucket",
                                destination.getBucketArn(),
                                "AccountId",
                                Aws.ACCOUNT_ID,
                                "Format",
                                "Parquet",
                                // S3 adds "/<source bucket>/<configuration id>/" itself.
                                "Prefix",
                                prefix.substring(0, prefix.length() - 1))),
                "OptionalFields",
                Stream.of(
                                S3InventoryField.SIZE,
                                S3InventoryField.LAST_MODIFIED_DATE,
                                S3InventoryField.E_TAG,
                                S3InventoryField.STORAGE_CLASS,
                                S3InventoryField.IS_MULTIPART_UPLOADED,
                                S3InventoryField.REPLICATION_STATUS,
                                S3InventoryField.ENCRYPTION_STATUS,
                                S3InventoryField.INTELLIGENT_TIERING_ACCESS_TIER,
                                S3InventoryField.CHECKSUM_ALGORITHM)
                        .map(S3InventoryField::fieldName)
                        .toList());
    }
}
