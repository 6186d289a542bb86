package io.tidewater.local.launcher;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.local.stack.LocalCatalog;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import io.tidewater.schema.evolution.EvolutionOptions;
import io.tidewater.schema.evolution.EvolutionPlan;
import io.tidewater.schema.evolution.EvolutionPlanner;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.SchemaCrawler;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tidewater plan FILE --table NS.TABLE}: what loading the file would change in the table's schema, without
 * changing anything (a dry run).
 */
@Command(
        name = "plan",
        description = "Show the schema evolution plan for loading FILE into a table, without changing anything.",
        mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The file to crawl.")
    Path file;

    @Option(names = "--table", required = true, paramLabel = "NS.TABLE", description = "The target table.")
    String table;

    @Option(
            names = "--policy",
            description = "The evolution policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "ADD_NEW_COLUMNS")
    EvolutionPolicy policy;

    @Option(names = "--json", description = "Print the plan as JSON, as the admin APIs do.")
    boolean json;

    @Mixin
    DataDirectory dataDirectory;

    @Override
    public Integer call() throws Exception {
        CrawlResult crawled = SchemaCrawler.crawl(file, CrawlOptions.defaults());
        LocalStackProperties stackProperties = LocalStackProperties.defaults().withMessagePersistence(false);
        // The catalog's metadata lives in the local S3: use the running stack's, or start one for the look-up.
        try (LocalStack stack = isListening(stackProperties.s3().port())
                ? null
                : LocalStack.start(stackProperties, dataDirectory.path)) {
            Catalog catalog =
                    LocalCatalog.open(dataDirectory.path, stackProperties.s3Endpoint(), stackProperties.region());
            Table target = catalog.loadTable(TableIdentifier.parse(table));
            EvolutionPlan plan = new EvolutionPlanner(
                            EvolutionOptions.defaults().withPolicy(policy))
                    .plan(target.schema(), crawled.toSchema());
            System.out.println(json ? plan.toJson() : plan.describe());
            return plan.rejections().isEmpty() ? 0 : 1;
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
