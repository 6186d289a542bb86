package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class TidewaterStackTest {

    @Nested
    class WithNewResourcesAndGlue {

        private final Template template = SynthesizedDeployments.glueWithNewResources();

        @Test
        void createsTheThreeBucketsAndAthenasResultsBucketEncryptedAndPrivate() {
            assertThat(template.findResources(
                            "AWS::S3::Bucket",
                            Map.of(
                                    "Properties",
                                    Map.of(
                                            "PublicAccessBlockConfiguration",
                                            Map.of("BlockPublicAcls", true, "RestrictPublicBuckets", true)))))
                    .as("inventory, billing, warehouse, and the Athena workgroup's results")
                    .hasSize(4);
        }

        @Test
        void everyPipelineQueueHasItsDeadLetterQueueNamedAsTheServicesExpect() {
            for (String queue : List.of(
                    PipelineQueues.S3_EVENTS,
                    PipelineQueues.INVENTORY_REPORTS,
                    PipelineQueues.BILLING_REPORTS,
                    PipelineQueues.LOAD_JOBS,
                    PipelineQueues.BILLING_LOAD_JOBS,
                    PipelineQueues.LOAD_RESULTS,
                    PipelineQueues.BILLING_LOAD_RESULTS,
                    PipelineQueues.RUN_UPDATES,
                    PipelineQueues.RUN_NOTIFICATIONS)) {
                template.hasResourceProperties(
                        "AWS::SQS::Queue",
                        Map.of("QueueName", queue, "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
                template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", queue + "-dlq"));
            }
        }

        @Test
        void queuesOfLongTasksHideAMessageForOneLeaseOnly() {
            for (String queue : List.of(
                    PipelineQueues.INVENTORY_REPORTS,
                    PipelineQueues.BILLING_REPORTS,
                    PipelineQueues.LOAD_JOBS,
                    PipelineQueues.BILLING_LOAD_JOBS)) {
                template.hasResourceProperties(
                        "AWS::SQS::Queue",
                        Map.of(
                                "QueueName",
                                queue,
                                "VisibilityTimeout",
                                PipelineQueues.LEASE.toSeconds().intValue()));
            }
            assertThat(PipelineQueues.LEASE.toSeconds().intValue())
                    .as("the services' default tidewater.messaging.lease")
                    .isEqualTo(30);
        }

        @Test
        void reportBucketsNotifyTheEventsQueueOfCompletionMarkersOnly() {
            template.hasResourceProperties(
                    "AWS::S3::Bucket",
                    Map.of(
                            "NotificationConfiguration",
                            Map.of(
                                    "QueueConfigurations",
                                    List.of(Match.objectLike(Map.of(
                                            "Event",
                                            "s3:ObjectCreated:*",
                                            "Filter",
                                            Map.of(
                                                    "S3Key",
                                                    Map.of(
                                                            "Rules",
                                                            List.of(
                                                                    Map.of("Name", "prefix", "Value", "inventory/"),
                                                                    Map.of(
                                                                            "Name",
                                                                            "suffix",
                                                                            "Value",
                                                                            "/manifest.checksum"))))))))));
            assertThat(template.findResources(
                            "AWS::S3::Bucket",
                            Map.of("Properties", Map.of("NotificationConfiguration", Match.anyValue()))))
                    .hasSize(2);
        }

        @Test
        void eventsQueueAcceptsS3EventsOnlyFromTheReportBucketsOfThisAccount() {
            template.hasResourceProperties(
                    "AWS::SQS::QueuePolicy",
                    Map.of(
                            "PolicyDocument",
                            Map.of(
                                    "Statement",
                                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                                            "Principal",
                                            Map.of("Service", "s3.amazonaws.com"),
                                            "Action",
                                            "sqs:SendMessage",
                                            "Condition",
                                            Map.of(
                                                    "ArnEquals",
                                                    Map.of("aws:SourceArn", Match.anyValue()),
                                                    "StringEquals",
                                                    Map.of(
                                                            "aws:SourceAccount",
                                                            Map.of("Ref", "AWS::AccountId"))))))))));
        }

        @Test
        void configuresADailyParquetInventoryOnTheSourceBucket() {
            String create = template.findResources("Custom::AWS").values().stream()
                    .map(resource -> String.valueOf(((Map<?, ?>) resource.get("Properties")).get("Create")))
                    .findFirst()
                    .orElseThrow();
            assertThat(create)
                    .contains("putBucketInventoryConfiguration")
                    .contains("example-data-bucket")
                    .contains("Daily")
                    .contains("Parquet");
        }

        @Test
        void runsTheFourServicesOnFargate() {
            template.resourceCountIs("AWS::ECS::Service", 4);
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Map.of(
                            "Cpu",
                            "4096",
                            "Memory",
                            "16384",
                            "ContainerDefinitions",
                            List.of(Match.objectLike(Map.of("Name", "iceberg-loader")))));
        }

        @Test
        void createsAGlueDatabasePerNamespace() {
            template.resourceCountIs("AWS::Glue::Database", 2);
            template.hasResourceProperties(
                    "AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "inventory"))));
            template.resourceCountIs("AWS::S3Tables::TableBucket", 0);
        }

        @Test
        void keepsStateInAnEncryptedPostgresInstance() {
            template.hasResourceProperties(
                    "AWS::RDS::DBInstance",
                    Map.of("Engine", "postgres", "StorageEncrypted", true, "DeletionProtection", true));
        }

        @Test
        void alarmsOnEveryDeadLetterQueueFailedRunsAndFreshness() {
            // Nine dead-letter queues, failed runs and freshness.
            template.resourceCountIs("AWS::CloudWatch::Alarm", 11);
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Map.of(
                            "MetricName",
                            PipelineAlarms.LOADS_COMPLETED,
                            "Period",
                            86400,
                            "ComparisonOperator",
                            "LessThanThreshold",
                            "TreatMissingData",
                            "breaching"));
        }

        @Test
        void publishesRunSummariesToTheRunNotificationsTopic() {
            template.hasResourceProperties(
                    "AWS::Pipes::Pipe", Map.of("TargetParameters", Map.of("InputTemplate", "<$.body>")));
            template.hasResourceProperties(
                    "AWS::SNS::Subscription",
                    Map.of("Protocol", "sqs", "FilterPolicyScope", "MessageBody", "RawMessageDelivery", true));
        }
    }

    @Nested
    class WithExistingResourcesAndS3Tables {

        private final Template template = SynthesizedDeployments.s3TablesWithExistingResources();

        @Test
        void createsOnlyTheWarehouseAndAthenaResultsBucketsAndLeavesTheUsersBucketsAlone() {
            template.resourceCountIs("AWS::S3::Bucket", 2);
            assertThat(template.findResources(
                            "AWS::S3::Bucket",
                            Map.of("Properties", Map.of("NotificationConfiguration", Match.anyValue()))))
                    .isEmpty();
            template.resourceCountIs("Custom::AWS", 0);
        }

        @Test
        void createsAnS3TableBucketWithANamespacePerNamespaceAndNoGlueDatabase() {
            template.resourceCountIs("AWS::S3Tables::TableBucket", 1);
            template.resourceCountIs("AWS::S3Tables::Namespace", 2);
            template.resourceCountIs("AWS::Glue::Database", 0);
        }

        @Test
        void usesTheExistingDatabaseInsteadOfCreatingOne() {
            template.resourceCountIs("AWS::RDS::DBInstance", 0);
            template.hasResourceProperties(
                    "AWS::ECS::TaskDefinition",
                    Map.of(
                            "ContainerDefinitions",
                            List.of(Match.objectLike(Map.of(
                                    "Environment",
                                    Match.arrayWith(List.of(Map.of(
                                            "Name",
                                            "TIDEWATER_TRIGGER_LEDGER_URL",
                                            "Value",
                                            "jdbc:postgresql://db.acme.internal:5432/tidewater"))))))));
        }
    }
}
