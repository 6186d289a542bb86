package io.tidewater.trigger.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router(
            List.of("inventory", "billing"),
            List.of("123456789012"),
            List.of(
                    new Route(
                            "inventory",
                            "inventory",
                            "",
                            "/manifest.checksum",
                            null,
                            "q-inventory",
                            "inventory.objects"),
                    new Route(
                            "exports",
                            "billing",
                            "",
                            null,
                            "**/metadata/BILLING_PERIOD=*/*-Manifest.json",
                            "q-billing",
                            "billing.cur2"),
                    new Route("cur", "billing", "cur/", "-Manifest.json", null, "q-billing", "billing.cur")));

    @Test
    void routesInventoryChecksumButNotManifestJson() {
        assertThat(router.route("inventory", "inv/src/config/2024-05-07T01-00Z/manifest.checksum"))
                .map(Route::pipeline)
                .contains("inventory");
        assertThat(router.route("inventory", "inv/src/config/2024-05-07T01-00Z/manifest.json"))
                .isEmpty();
    }

    @Test
    void routesDataExportsManifestByGlobBeforeLegacyCur() {
        assertThat(router.route(
                        "billing", "cur/exports/my-export/metadata/BILLING_PERIOD=2024-05/my-export-Manifest.json"))
                .map(Route::pipeline)
                .contains("exports");
        assertThat(router.route("billing", "exports/my-export/data/BILLING_PERIOD=2024-05/my-export-00001.csv.gz"))
                .isEmpty();
    }

    @Test
    void routesBothLegacyCurManifests() {
        assertThat(router.route("billing", "cur/hourly/20170801-20170901/hourly-Manifest.json"))
                .map(Route::pipeline)
                .contains("cur");
        assertThat(router.route("billing", "cur/hourly/20170801-20170901/6f1d2e70-abcd/hourly-Manifest.json"))
                .map(Route::pipeline)
                .contains("cur");
    }

    @Test
    void rejectsBucketsAndAccountsNotOnTheAllowlist() {
        assertThat(router.rejection(object("elsewhere", null))).contains("bucket-not-allowed");
        assertThat(router.rejection(object("billing", "999999999999"))).contains("account-not-allowed");
        assertThat(router.rejection(object("billing", "123456789012"))).isEmpty();
        assertThat(router.rejection(object("billing", null)))
                .as("Records[] name no account")
                .isEmpty();
    }

    @Test
    void rejectsCompletionMarkersWithDotSegmentsButNotOtherObjects() {
        assertThat(router.rejection(marker("inv/src/config/../../elsewhere/manifest.checksum")))
                .contains("key-has-dot-segments");
        assertThat(router.rejection(marker("inv/src/./config/2024-05-07T01-00Z/manifest.checksum")))
                .contains("key-has-dot-segments");
        assertThat(router.rejection(marker("inv/src/config..old/2024-05-07T01-00Z/manifest.checksum")))
                .isEmpty();
        assertThat(router.rejection(marker("inv/src/config/../data/file.csv.gz")))
                .as("not a completion marker")
                .isEmpty();
    }

    private static ObjectCreated marker(String key) {
        return new ObjectCreated("inventory", key, 1, "e", null, null, Instant.EPOCH, null);
    }

    private static ObjectCreated object(String bucket, String account) {
        return new ObjectCreated(bucket, "k", 1, "e", null, null, Instant.EPOCH, account);
    }
}
