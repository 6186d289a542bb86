package io.tidewater.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.types.Type;
import org.junit.jupiter.api.Test;

/** The crawl tells a null token from text by evidence, never by the token alone. */
class NullTokenInferenceTest {

    @Test
    void unquotedNullInAFileThatQuotesItsTextIsANullTokenInEveryColumn() {
        CrawlResult result = crawl(
                """
                "BilledCost","ContractedCost","AvailabilityZone","Tags"
                1.25,NULL,"us-east-1a","{""team"":""storage""}"
                2.50,3.10,NULL,NULL
                0.75,NULL,"us-east-1b","{}"
                """);

        assertThat(result.nullTokens()).containsExactly("NULL");
        assertThat(type(result, "contracted_cost")).isNotEqualTo(Type.TypeID.STRING);
        assertThat(type(result, "availability_zone")).isEqualTo(Type.TypeID.STRING);
    }

    @Test
    void nullInATextColumnOfAFileThatDoesNotQuoteItsTextMayBeText() {
        CrawlResult result = crawl(
                """
                name,comment
                a,NULL
                b,fine
                """);

        assertThat(result.nullTokens()).isEmpty();
    }

    @Test
    void tokenWhereAColumnOtherwiseHoldsNumbersIsANullToken() {
        CrawlResult result = crawl(
                """
                id,amount,note
                1,\\N,x
                2,4.5,y
                3,N/A,z
                4,\\N,w
                """);

        assertThat(result.nullTokens()).containsExactly("\\N", "N/A");
        assertThat(type(result, "amount")).isEqualTo(Type.TypeID.DOUBLE);
    }

    @Test
    void quotedNullInAFileThatQuotesItsTextIsText() {
        CrawlResult result = crawl(
                """
                "name","status"
                "a","NULL"
                "b","active"
                """);

        assertThat(result.nullTokens()).isEmpty();
    }

    @Test
    void quotingEvidenceFollowsRecordsOverSeveralLines() {
        CrawlResult result = crawl(
                """
                "id","text","zone"
                1,"two
                lines",NULL
                2,"one line","eu-west-1a"
                """);

        assertThat(result.nullTokens()).containsExactly("NULL");
    }

    private static Type.TypeID type(CrawlResult result, String column) {
        return result.columns().stream()
                .filter(inferred -> inferred.name().equals(column))
                .findFirst()
                .orElseThrow()
                .type()
                .typeId();
    }

    private static CrawlResult crawl(String csv) {
        return SchemaCrawler.crawl(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "sample.csv", CrawlOptions.defaults());
    }
}
