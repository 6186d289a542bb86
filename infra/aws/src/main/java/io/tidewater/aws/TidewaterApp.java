package io.tidewater.aws;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** {@code cdk deploy} runs this (see {@code cdk.json}); the deployment's choices come as context, {@code -c key=value}. */
public final class TidewaterApp {

    private TidewaterApp() {}

    public static void main(String[] args) {
        App app = new App();
        // cdk.json runs the app from infra/aws; the repository root and its Dockerfile are two levels up.
        String repositoryRoot = Path.of("../..").toAbsolutePath().normalize().toString();
        TidewaterStackProps props =
                TidewaterStackProps.fromContext(key -> app.getNode().tryGetContext(key), repositoryRoot);
        Object stackName = app.getNode().tryGetContext("stackName");
        new TidewaterStack(
                app,
                stackName == null ? "Tidewater" : stackName.toString(),
                StackProps.builder()
                        .env(Environment.builder()
                                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                                .region(System.getenv("CDK_DEFAULT_REGION"))
                                .build())
                        .description("Tidewater: S3 Inventory and Cost and Usage Reports into Iceberg tables")
                        .build(),
                props);
        app.synth();
    }
}
