package io.tidewater.aws;

import io.tidewater.aws.TidewaterStackProps.ImageSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The four services on ECS Fargate, each with its own task role that may do what that service does and nothing
 * more, configured through the same properties as the local stack (as environment variables).
 */
final class TidewaterServices extends Construct {

    /** A service's task: its name, port and size. */
    record ServiceSpec(String module, int port, int cpu, int memoryMiB) {}

    static final ServiceSpec TRIGGER = new ServiceSpec("workflow-trigger", 8081, 512, 1024);
    static final ServiceSpec INVENTORY = new ServiceSpec("inventory-service", 8082, 512, 2048);
    static final ServiceSpec BILLING = new ServiceSpec("billing-service", 8083, 512, 2048);
    // Spark's driver and executors share this one task (local[*]).
    static final ServiceSpec LOADER = new ServiceSpec("iceberg-loader", 8084, 4096, 16384);

    private final Map<String, FargateService> services = new LinkedHashMap<>();
    private final Map<String, LogGroup> logGroups = new LinkedHashMap<>();

    TidewaterServices(
            Construct scope,
            String id,
            TidewaterStackProps props,
            IVpc vpc,
            PipelineQueues queues,
            ReportBuckets buckets,
            TriggerRoutes routes,
            IcebergCatalog catalog,
            StateDatabase database) {
        super(scope, id);
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        Map<String, String> triggerEnvironment = triggerEnvironment(queues, buckets, routes, database);
        List<PolicyStatement> triggerStatements = new ArrayList<>();
        triggerStatements.add(consume(queues, PipelineQueues.S3_EVENTS));
        triggerStatements.add(consume(queues, PipelineQueues.RUN_UPDATES));
        triggerStatements.add(send(
                queues,
                PipelineQueues.INVENTORY_REPORTS,
                PipelineQueues.BILLING_REPORTS,
                PipelineQueues.RUN_NOTIFICATIONS));
        triggerStatements.add(sendToDeadLetters(queues, PipelineQueues.S3_EVENTS, PipelineQueues.RUN_UPDATES));
        // The backup sweep lists the report prefixes for markers whose event never came.
        triggerStatements.add(
                ReportBuckets.listUnder(buckets.inventory(), props.inventory().prefix()));
        triggerStatements.add(
                ReportBuckets.listUnder(buckets.billing(), props.billing().prefix()));
        FargateService trigger = service(
                cluster,
                props.images(),
                TRIGGER,
                triggerEnvironment,
                Map.of(
                        SpringEnvironmentName.of("tidewater.trigger.ledger.username"),
                        Secret.fromSecretsManager(database.secret(), "username"),
                        SpringEnvironmentName.of("tidewater.trigger.ledger.password"),
                        Secret.fromSecretsManager(database.secret(), "password")),
                triggerStatements);
        database.allowFrom(List.of(trigger));

        List<PolicyStatement> inventoryStatements = new ArrayList<>();
        inventoryStatements.add(consume(queues, PipelineQueues.INVENTORY_REPORTS));
        inventoryStatements.add(consume(queues, PipelineQueues.LOAD_RESULTS));
        inventoryStatements.add(send(queues, PipelineQueues.LOAD_JOBS, PipelineQueues.RUN_UPDATES));
        inventoryStatements.add(
                sendToDeadLetters(queues, PipelineQueues.INVENTORY_REPORTS, PipelineQueues.LOAD_RESULTS));
        inventoryStatements.addAll(buckets.readReports(props.inventory(), buckets.inventory()));
        service(cluster, props.images(), INVENTORY, regionOnly(), Map.of(), inventoryStatements);

        List<PolicyStatement> billingStatements = new ArrayList<>();
        billingStatements.add(consume(queues, PipelineQueues.BILLING_REPORTS));
        billingStatements.add(consume(queues, PipelineQueues.BILLING_LOAD_RESULTS));
        billingStatements.add(send(queues, PipelineQueues.BILLING_LOAD_JOBS, PipelineQueues.RUN_UPDATES));
        billingStatements.add(
                sendToDeadLetters(queues, PipelineQueues.BILLING_REPORTS, PipelineQueues.BILLING_LOAD_RESULTS));
        billingStatements.addAll(buckets.readReports(props.billing(), buckets.billing()));
        service(cluster, props.images(), BILLING, regionOnly(), Map.of(), billingStatements);

        List<PolicyStatement> loaderStatements = new ArrayList<>();
        loaderStatements.add(consume(queues, PipelineQueues.LOAD_JOBS, PipelineQueues.BILLING_LOAD_JOBS));
        loaderStatements.add(send(queues, PipelineQueues.LOAD_RESULTS, PipelineQueues.BILLING_LOAD_RESULTS));
        loaderStatements.add(sendToDeadLetters(queues, PipelineQueues.LOAD_JOBS, PipelineQueues.BILLING_LOAD_JOBS));
        // Spark reads the source files named by each job straight from the report buckets.
        loaderStatements.addAll(buckets.readReports(props.inventory(), buckets.inventory()));
        loaderStatements.addAll(buckets.readReports(props.billing(), buckets.billing()));
        loaderStatements.addAll(catalog.loaderStatements());
        service(cluster, props.images(), LOADER, loaderEnvironment(catalog, buckets), Map.of(), loaderStatements);
    }

    Map<String, FargateService> services() {
        return Map.copyOf(services);
    }

    LogGroup logGroupOf(ServiceSpec spec) {
        return logGroups.get(spec.module());
    }

    /**
     * The trigger's routes are those of its workflow-trigger.yml, naming the deployment's buckets; its allow-list names
     * them too; the ledger is PostgreSQL.
     */
    private static Map<String, String> triggerEnvironment(
            PipelineQueues queues, ReportBuckets buckets, TriggerRoutes routes, StateDatabase database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(
                "tidewater.trigger.allowed-buckets[0]", buckets.inventory().getBucketName());
        properties.put("tidewater.trigger.allowed-buckets[1]", buckets.billing().getBucketName());
        for (int index = 0; index < routes.routes().size(); index++) {
            TriggerRoutes.Route route = routes.routes().get(index);
            String prefix = "tidewater.trigger.routes[" + index + "].";
            properties.put(prefix + "pipeline", route.pipeline());
            properties.put(
                    prefix + "bucket", buckets.standingInFor(route.bucket()).getBucketName());
            if (route.suffix() != null) {
                properties.put(prefix + "suffix", route.suffix());
            } else {
                properties.put(prefix + "glob", route.glob());
            }
            // The queue's literal name, which the pipeline's queues must have.
            queues.named(route.queue());
            properties.put(prefix + "queue", route.queue());
            if (route.table() != null) {
                properties.put(prefix + "table", route.table());
            }
        }
        properties.put("tidewater.trigger.ledger.url", database.jdbcUrl());
        properties.put("tidewater.trigger.notifications.queue", PipelineQueues.RUN_NOTIFICATIONS);
        Map<String, String> environment = regionOnly();
        properties.forEach((name, value) -> environment.put(SpringEnvironmentName.of(name), value));
        return environment;
    }

    /**
     * Iceberg catalog properties have dashes and dots in their names, which environment variable names cannot carry
     * into a map key; Spring's JSON variable carries them exactly. The source buckets are the report buckets the
     * task role may read: the loader reads no file elsewhere.
     */
    private Map<String, String> loaderEnvironment(IcebergCatalog catalog, ReportBuckets buckets) {
        Map<String, String> environment = regionOnly();
        environment.put(
                SpringEnvironmentName.of("tidewater.loader.source-buckets[0]"),
                buckets.inventory().getBucketName());
        environment.put(
                SpringEnvironmentName.of("tidewater.loader.source-buckets[1]"),
                buckets.billing().getBucketName());
        Map<String, Object> json = Map.of(
                "tidewater",
                Map.of("loader", Map.of("catalog", Map.of("properties", new LinkedHashMap<>(catalog.properties())))));
        environment.put("SPRING_APPLICATION_JSON", Stack.of(this).toJsonString(json));
        return environment;
    }

    private static Map<String, String> regionOnly() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(SpringEnvironmentName.of("spring.cloud.aws.region.static"), Aws.REGION);
        return environment;
    }

    private FargateService service(
            Cluster cluster,
            ImageSource images,
            ServiceSpec spec,
            Map<String, String> environment,
            Map<String, Secret> secrets,
            List<PolicyStatement> statements) {
        Construct scope = new Construct(this, spec.module());
        Role taskRole = Role.Builder.create(scope, "TaskRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("What " + spec.module() + " may do")
                .build();
        statements.forEach(taskRole::addToPolicy);
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(scope, "Task")
                .cpu(spec.cpu())
                .memoryLimitMiB(spec.memoryMiB())
                .taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .logGroupName("/tidewater/" + spec.module())
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        task.addContainer(
                spec.module(),
                ContainerDefinitionOptions.builder()
                        .image(image(scope, images, spec))
                        .portMappings(List.of(
                                PortMapping.builder().containerPort(spec.port()).build()))
                        .environment(environment)
                        .secrets(secrets)
                        .logging(LogDriver.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
                                .logGroup(logs)
                                .streamPrefix(spec.module())
                                .build()))
                        .build());
        FargateService service = FargateService.Builder.create(scope, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(1)
                .vpcSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .build())
                .circuitBreaker(
                        DeploymentCircuitBreaker.builder().rollback(true).build())
                .build();
        services.put(spec.module(), service);
        logGroups.put(spec.module(), logs);
        return service;
    }

    private static ContainerImage image(Construct scope, ImageSource images, ServiceSpec spec) {
        if (images instanceof ImageSource.PulledFromRegistry registry) {
            return ContainerImage.fromEcrRepository(
                    Repository.fromRepositoryName(scope, "Repository", registry.repositoryPrefix() + spec.module()),
                    registry.tag());
        }
        ImageSource.BuiltFromRepository repository = (ImageSource.BuiltFromRepository) images;
        return ContainerImage.fromAsset(repository.repositoryRoot(), imageAsset(spec));
    }

    /**
     * The repository's one Dockerfile, its build argument naming the module: the image holds the jar {@code ./mvnw
     * package} built; the sources and the rest of target/ stay out of the upload.
     */
    static AssetImageProps imageAsset(ServiceSpec spec) {
        AssetImageProps.Builder asset = AssetImageProps.builder()
                .file("Dockerfile")
                .buildArgs(Map.of("MODULE", spec.module(), "PORT", String.valueOf(spec.port())))
                .platform(Platform.LINUX_AMD64)
                .ignoreMode(IgnoreMode.DOCKER)
                .exclude(List.of("*", "!Dockerfile", "!" + spec.module() + "/target/*-exec.jar"));
        // Spark runs in the loader's JVM and needs its flags: the Dockerfile's spark-service stage sets them.
        return (spec.equals(LOADER) ? asset.target("spark-service") : asset).build();
    }

    private static PolicyStatement consume(PipelineQueues queues, String... names) {
        return PolicyStatement.Builder.create()
                .actions(List.of(
                        "sqs:ReceiveMessage",
                        "sqs:DeleteMessage",
                        "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueAttributes",
                        "sqs:GetQueueUrl"))
                .resources(List.of(names).stream()
                        .map(name -> queues.named(name).getQueueArn())
                        .toList())
                .build();
    }

    private static PolicyStatement send(PipelineQueues queues, String... names) {
        return PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))
                .resources(List.of(names).stream()
                        .map(name -> queues.named(name).getQueueArn())
                        .toList())
                .build();
    }

    /** A service moves a message it can never process to its queue's DLQ itself, with the reason. */
    private static PolicyStatement sendToDeadLetters(PipelineQueues queues, String... names) {
        return PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl"))
                .resources(List.of(names).stream()
                        .map(name -> queues.deadLettersOf(name).getQueueArn())
                        .toList())
                .build();
    }
}
