package io.tidewater.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load the loader warms its driver with at start leaves nothing in the configured catalogs. */
class DriverWarmUpIT extends LoaderAdminApi {

    @Test
    void theWarmUpLoadRanInACatalogOfItsOwnAndNoConfiguredCatalogShowsIt() {
        Response tables = get("/admin/tables");

        assertThat(loader.spark.sessionState().catalogManager().isCatalogRegistered("tidewater_warm_up"))
                .as("the warm-up's own catalog was used")
                .isTrue();
        assertThat(tables.status()).isEqualTo(200);
        assertThat(tables.body().findValuesAsText("table")).noneMatch(table -> table.startsWith("warm_up."));
        assertThat(tables.body().findValuesAsText("catalog")).doesNotContain("tidewater_warm_up");
    }
}
