package io.tidewater.aws;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/** One deployment of Tidewater: buckets, queues, catalog, state, the four services and their alarms. */
public final class TidewaterStack extends Stack {

    public TidewaterStack(Construct scope, String id, StackProps stackProps, TidewaterStackProps props) {
        super(scope, id, stackProps);
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(java.util.List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("services")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("database")
                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                .build()))
                .build();

        PipelineQueues queues = new PipelineQueues(this, "Queues");
        TriggerRoutes routes = TriggerRoutes.shipped();
        ReportBuckets buckets =
                new ReportBuckets(this, "Buckets", props, routes, queues.named(PipelineQueues.S3_EVENTS));
        if (!props.inventorySources().isEmpty()) {
            new SourceInventories(
                    this,
                    "SourceInventories",
                    props.inventorySources(),
                    buckets.inventory(),
                    props.inventory().prefix());
        }
        IcebergCatalog catalog = new IcebergCatalog(
                this,
                "Catalog",
                props.catalog(),
                buckets.warehouse(),
                props.warehouse().prefix());
        StateDatabase database = new StateDatabase(this, "State", props.database(), vpc);
        TidewaterServices services =
                new TidewaterServices(this, "Services", props, vpc, queues, buckets, routes, catalog, database);
        new AthenaQueries(this, "Athena", catalog);
        PipelineAlarms alarms =
                new PipelineAlarms(this, "Alarms", props, queues, services.logGroupOf(TidewaterServices.LOADER));

        output("InventoryBucket", buckets.inventory().getBucketName(), "S3 Inventory destination");
        output("BillingBucket", buckets.billing().getBucketName(), "CUR / Data Exports destination");
        output("WarehouseBucket", buckets.warehouse().getBucketName(), "Iceberg warehouse");
        output(
                "S3EventsQueueArn",
                queues.named(PipelineQueues.S3_EVENTS).getQueueArn(),
                "Point an existing bucket's event notifications here");
        output("RunNotificationsTopicArn", alarms.runNotifications().getTopicArn(), "Subscribe to run summaries");
        output("AlarmsTopicArn", alarms.alarms().getTopicArn(), "Subscribe to alarms");
        output(
                "AthenaWorkGroup",
                AthenaQueries.WORKGROUP,
                "Query the tables in Athena with this workgroup's named queries");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
