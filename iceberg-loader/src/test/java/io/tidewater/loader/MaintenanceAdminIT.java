package io.tidewater.loader;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.loader.maintenance.TableLocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Table maintenance through the loader's admin API: a dry run, a run, the runs kept, a busy table, an unknown one. */
class MaintenanceAdminIT extends LoaderAdminApi {

    private static final String TABLE = "maintenance_api.objects";

    @Autowired
    TableLocks locks;

    @Test
    void aDryRunThenARunCompactTheTableAndBothAreListedNewestFirst() {
        for (int day = 1; day <= 5; day++) {
            loader.runner.run(csvJob(
                    TABLE,
                    TABLE + "/day-" + day,
                    "addNewColumns",
                    List.of(column("key", "string"), column("size", "long")),
                    loader.csv(TABLE + "/day-" + day + ".csv", "key,size", "day-" + day + "/a," + day)));
        }

        Response dryRun = post("/admin/tables/" + TABLE + "/maintenance?dryRun=true", null);
        Response run = post("/admin/tables/" + TABLE + "/maintenance", null);
        Response runs = get("/admin/tables/" + TABLE + "/maintenance");

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.body().path("compaction").path("outcome").asText()).isEqualTo("PLANNED");
        assertThat(dryRun.body().path("compaction").path("rewrittenFiles").asInt())
                .isEqualTo(5);
        assertThat(dryRun.body().path("after").path("dataFiles").asInt()).isEqualTo(5);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(run.body().path("before").path("dataFiles").asInt()).isEqualTo(5);
        assertThat(run.body().path("after").path("dataFiles").asInt()).isEqualTo(1);
        assertThat(run.body().path("snapshots").path("expired").asInt())
                .as("every snapshot is younger than the default age")
                .isZero();
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.body().size()).isEqualTo(2);
        assertThat(runs.body().get(0).path("dryRun").asBoolean()).isFalse();
        assertThat(runs.body().get(1).path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void aTableALoadHoldsIsLeftAloneWithAConflict() {
        String table = "maintenance_api.busy";
        loader.runner.run(csvJob(
                table,
                table + "/1",
                "addNewColumns",
                List.of(column("key", "string")),
                loader.csv(table + "/1.csv", "key", "a")));

        Response busy;
        try (TableLocks.Lease load = locks.loading(List.of(table))) {
            busy = post("/admin/tables/" + table + "/maintenance", null);
        }

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body().path("outcome").asText()).isEqualTo("BUSY");
        assertThat(busy.body().path("detail").asText()).isEqualTo("a load of maintenance_api.busy is running");
    }

    @Test
    void anUnknownTableIsNotFoundAndTheTokenIsRequired() {
        Response unknown = post("/admin/tables/maintenance_api.missing/maintenance", null);
        Response history = get("/admin/tables/maintenance_api.missing/maintenance");
        Response withoutToken = call("POST", "/admin/tables/" + TABLE + "/maintenance", null, false);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(history.status()).isEqualTo(404);
        assertThat(withoutToken.status()).isEqualTo(401);
    }
}
