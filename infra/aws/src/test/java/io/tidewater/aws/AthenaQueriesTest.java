package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Athena workgroup and its named queries, for tables in Glue and in S3 Tables. */
class AthenaQueriesTest {

    @Test
    void theWorkgroupKeepsItsResultsEncryptedInABucketThatExpiresThem() {
        Template template = SynthesizedDeployments.glueWithNewResources();

        template.hasResourceProperties(
                "AWS::Athena::WorkGroup",
                Match.objectLike(Map.of(
                        "Name",
                        AthenaQueries.WORKGROUP,
                        "WorkGroupConfiguration",
                        Match.objectLike(Map.of(
                                "EnforceWorkGroupConfiguration",
                                true,
                                "EngineVersion",
                                Map.of("SelectedEngineVersion", "Athena engine version 3"),
                                "ResultConfiguration",
                                Match.objectLike(
                                        Map.of("EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3"))))))));
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                List.of(Match.objectLike(Map.of("ExpirationInDays", AthenaQueries.RESULT_DAYS)))),
                        "BucketEncryption",
                        Match.anyValue())));
    }

    @Test
    void eachQuestionIsANamedQueryOfTheWorkgroupOverTheGlueTables() {
        Map<String, Map<String, Object>> queries = namedQueries(SynthesizedDeployments.glueWithNewResources());

        assertThat(queries).hasSize(AthenaQueries.QUESTIONS.size());
        assertThat(queries.get("tidewater-billing-cost-by-service-and-account"))
                .containsEntry("Database", "billing")
                .containsEntry("WorkGroup", AthenaQueries.WORKGROUP)
                .extractingByKey("QueryString")
                .asString()
                .contains("FROM \"billing\".\"costs\"")
                .contains("date_format(charge_period_start, '%Y-%m') = ?");
        assertThat(queries.get("tidewater-inventory-objects-by-storage-class"))
                .extractingByKey("QueryString")
                .asString()
                .contains("FROM \"inventory\".\"objects\" o JOIN latest l");
        assertThat(queries.get("tidewater-billing-focus-quarantine-by-reason"))
                .containsEntry("Database", "billing")
                .extractingByKey("QueryString")
                .asString()
                .contains("FROM \"billing\".\"focus_quarantine\"");
    }

    @Test
    void withS3TablesTheQueriesNameTheTableBucketsCatalog() {
        Map<String, Map<String, Object>> queries = namedQueries(SynthesizedDeployments.s3TablesWithExistingResources());

        assertThat(queries).hasSize(AthenaQueries.QUESTIONS.size());
        // The table bucket's name holds the account id, so the query string is joined at deploy time.
        assertThat(String.valueOf(queries.get("tidewater-inventory-growth-since-previous-delivery")))
                .contains("\"s3tablescatalog/tidewater-")
                .contains("\".\"inventory\".\"objects\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> namedQueries(Template template) {
        return template.findResources("AWS::Athena::NamedQuery").values().stream()
                .map(resource -> (Map<String, Object>) ((Map<String, Object>) resource).get("Properties"))
                .collect(java.util.stream.Collectors.toMap(properties -> (String) properties.get("Name"), p -> p));
    }

    @Test
    void theLoaderMayWriteTheCostTableTheBillingServiceDerives() {
        assertThat(TidewaterStackProps.TABLES).contains("billing.costs");
        assertThat(AthenaQueries.QUESTIONS)
                .flatExtracting(AthenaQueries.Question::tables)
                .allSatisfy(table -> assertThat(TidewaterStackProps.TABLES).contains(table));
    }
}
