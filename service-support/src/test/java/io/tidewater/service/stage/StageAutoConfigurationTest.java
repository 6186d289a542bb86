package io.tidewater.service.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.service.ledger.LedgerAutoConfiguration;
import io.tidewater.service.ledger.LedgerProperties;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class StageAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StageAutoConfiguration.class, LedgerAutoConfiguration.class))
            .withBean(
                    SqsTemplate.class,
                    () -> SqsTemplate.newTemplate(
                            SqsAsyncClient.builder().region(Region.US_EAST_1).build()));

    @TempDir
    Path directory;

    @Test
    void plugsTheDeclaredStageIntoTheKit() {
        contexts.withBean(DomainStage.class, this::stage).run(context -> {
            assertThat(context).hasSingleBean(JdbcClient.class);
            assertThat(context).hasSingleBean(RunUpdatesClient.class);
            assertThat(context).hasSingleBean(LoadJobsClient.class);
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
        });
    }

    @Test
    void keepsTheServicesOwnClock() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

        contexts.withBean(DomainStage.class, this::stage)
                .withBean(Clock.class, () -> fixed)
                .run(context -> assertThat(context.getBean(Clock.class)).isSameAs(fixed));
    }

    @Test
    void plugsNothingWithoutADeclaredStage() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean(RunUpdatesClient.class);
            assertThat(context).doesNotHaveBean(JdbcClient.class);
        });
    }

    private DomainStage stage() {
        LedgerProperties ledger = new LedgerProperties("jdbc:sqlite:" + directory.resolve("stage.db"), null, null, 1);
        return new DomainStage("ledger-test", ledger, "run-updates", "load-jobs");
    }
}
