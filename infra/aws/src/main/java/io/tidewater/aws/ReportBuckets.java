package io.tidewater.aws;

import io.tidewater.aws.TidewaterStackProps.ReportLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The inventory destination, the billing bucket and the warehouse, created or referenced, and the S3 event
 * notifications that tell the trigger a report is complete.
 */
final class ReportBuckets extends Construct {

    /** The buckets as workflow-trigger.yml's routes name them, the local stack's; this deployment's stand in. */
    static final String TRIGGER_INVENTORY_BUCKET = "tidewater-inventory";

    static final String TRIGGER_BILLING_BUCKET = "tidewater-billing";

    private final IBucket inventory;
    private final IBucket billing;
    private final IBucket warehouse;
    private final TidewaterStackProps props;

    ReportBuckets(Construct scope, String id, TidewaterStackProps props, TriggerRoutes routes, Queue s3Events) {
        super(scope, id);
        this.props = props;
        this.inventory = bucket("Inventory", "inventory", props.inventory());
        this.billing = bucket("Billing", "billing", props.billing());
        this.warehouse = bucket("Warehouse", "warehouse", props.warehouse());

        allowS3ToNotify(s3Events);
        notifyOnCompletionMarkers(
                inventory, props.inventory(), routes.notificationSuffix(TRIGGER_INVENTORY_BUCKET), s3Events);
        notifyOnCompletionMarkers(
                billing, props.billing(), routes.notificationSuffix(TRIGGER_BILLING_BUCKET), s3Events);
        if (!props.inventorySources().isEmpty()) {
            allowInventoryDelivery();
        }
        if (props.billing().existingBucket() == null) {
            allowBillingExports();
        }
    }

    IBucket inventory() {
        return inventory;
    }

    IBucket billing() {
        return billing;
    }

    IBucket warehouse() {
        return warehouse;
    }

    /** This deployment's bucket for one that workflow-trigger.yml names. */
    IBucket standingInFor(String triggerBucket) {
        return switch (triggerBucket) {
            case TRIGGER_INVENTORY_BUCKET -> inventory;
            case TRIGGER_BILLING_BUCKET -> billing;
            default ->
                throw new IllegalArgumentException("Cannot deploy a route for bucket " + triggerBucket + ": the "
                        + "deployment has buckets for " + TRIGGER_INVENTORY_BUCKET + " and " + TRIGGER_BILLING_BUCKET);
        };
    }

    /** Reports are read under their prefix only: the objects there, and listing that prefix. */
    List<PolicyStatement> readReports(ReportLocation location, IBucket bucket) {
        return List.of(
                PolicyStatement.Builder.create()
                        .actions(List.of("s3:GetObject"))
                        .resources(List.of(bucket.arnForObjects(location.prefix() + "*")))
                        .build(),
                listUnder(bucket, location.prefix()));
    }

    static PolicyStatement listUnder(IBucket bucket, String prefix) {
        return PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "*"))))
                .build();
    }

    /**
     * Created buckets get a name built from the account and region, so that the events queue's policy can name them
     * without referring to the bucket resources (which wait for that policy: a cycle otherwise).
     */
    private IBucket bucket(String id, String purpose, ReportLocation location) {
        if (location.existingBucket() != null) {
            return Bucket.fromBucketName(this, id, location.existingBucket());
        }
        return Bucket.Builder.create(this, id)
                .bucketName(createdBucketName(purpose))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .build();
    }

    static String createdBucketName(String purpose) {
        return "tidewater-" + purpose + "-" + Aws.ACCOUNT_ID + "-" + Aws.REGION;
    }

    private static String arnOf(String purpose, ReportLocation location) {
        String name = location.existingBucket() != null ? location.existingBucket() : createdBucketName(purpose);
        return "arn:" + Aws.PARTITION + ":s3:::" + name;
    }

    /** Only the two report buckets of this account may send events, whether created here or referenced. */
    private void allowS3ToNotify(Queue s3Events) {
        s3Events.addToResourcePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(s3Events.getQueueArn()))
                .conditions(Map.of(
                        "ArnEquals",
                        Map.of(
                                "aws:SourceArn",
                                List.of(arnOf("inventory", props.inventory()), arnOf("billing", props.billing()))),
                        "StringEquals",
                        Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }

    /**
     * Native notification configuration on buckets this stack owns (no custom resource with a wildcard policy). A
     * referenced bucket keeps its own configuration: the README shows the one call that adds Tidewater's.
     */
    private void notifyOnCompletionMarkers(IBucket bucket, ReportLocation location, String suffix, Queue s3Events) {
        if (location.existingBucket() != null) {
            return;
        }
        CfnBucket resource = (CfnBucket) bucket.getNode().getDefaultChild();
        resource.setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .queueConfigurations(List.of(CfnBucket.QueueConfigurationProperty.builder()
                        .event("s3:ObjectCreated:*")
                        .queue(s3Events.getQueueArn())
                        .filter(CfnBucket.NotificationFilterProperty.builder()
                                .s3Key(CfnBucket.S3KeyFilterProperty.builder()
                                        .rules(List.of(
                                                CfnBucket.FilterRuleProperty.builder()
                                                        .name("prefix")
                                                        .value(location.prefix())
                                                        .build(),
                                                CfnBucket.FilterRuleProperty.builder()
                                                        .name("suffix")
                                                        .value(suffix)
                                                        .build()))
                                        .build())
                                .build())
                        .build()))
                .build());
        // S3 checks that it may send to the queue when the configuration is set.
        bucket.getNode().addDependency(s3Events);
    }

    /** S3 Inventory writes into the destination only for the named source buckets of this account. */
    private void allowInventoryDelivery() {
        List<String> sources = new ArrayList<>();
        props.inventorySources().forEach(source -> sources.add("arn:" + Aws.PARTITION + ":s3:::" + source));
        inventory.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("S3InventoryDelivery")
                .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(inventory.arnForObjects(props.inventory().prefix() + "*")))
                .conditions(Map.of(
                        "ArnLike", Map.of("aws:SourceArn", sources),
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }

    /** CUR and Data Exports deliver from us-east-1 into the billing prefix, for this account's definitions only. */
    private void allowBillingExports() {
        String account = Aws.ACCOUNT_ID;
        Map<String, Object> conditions = Map.of(
                "ArnLike",
                Map.of(
                        "aws:SourceArn",
                        List.of(
                                "arn:" + Aws.PARTITION + ":cur:us-east-1:" + account + ":definition/*",
                                "arn:" + Aws.PARTITION + ":bcm-data-exports:us-east-1:" + account + ":export/*")),
                "StringEquals",
                Map.of("aws:SourceAccount", account));
        List<ServicePrincipal> exporters = List.of(
                new ServicePrincipal("billingreports.amazonaws.com"),
                new ServicePrincipal("bcm-data-exports.amazonaws.com"));
        billing.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("BillingExportsCheckBucket")
                .principals(List.copyOf(exporters))
                .actions(List.of("s3:GetBucketAcl", "s3:GetBucketPolicy"))
                .resources(List.of(billing.getBucketArn()))
                .conditions(conditions)
                .build());
        billing.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("BillingExportsDelivery")
                .principals(List.copyOf(exporters))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(billing.arnForObjects(props.billing().prefix() + "*")))
                .conditions(conditions)
                .build());
    }
}
