package io.tidewater.aws;

import io.tidewater.aws.TidewaterStackProps.DatabaseSource;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/** PostgreSQL for the services' state: a new RDS instance in the VPC, or a database the user already runs. */
final class StateDatabase extends Construct {

    static final String DATABASE_NAME = "tidewater";

    private final String jdbcUrl;
    private final ISecret secret;
    private final DatabaseInstance instance;

    StateDatabase(Construct scope, String id, DatabaseSource source, IVpc vpc) {
        super(scope, id);
        if (source instanceof DatabaseSource.Existing existing) {
            instance = null;
            secret = Secret.fromSecretCompleteArn(this, "Secret", existing.secretArn());
            jdbcUrl = existing.jdbcUrl();
        } else {
            instance = DatabaseInstance.Builder.create(this, "Instance")
                    .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                            .version(PostgresEngineVersion.VER_16)
                            .build()))
                    .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
                    .vpc(vpc)
                    .vpcSubnets(SubnetSelection.builder()
                            .subnetType(SubnetType.PRIVATE_ISOLATED)
                            .build())
                    .credentials(Credentials.fromGeneratedSecret("tidewater"))
                    .databaseName(DATABASE_NAME)
                    .allocatedStorage(20)
                    .storageEncrypted(true)
                    .backupRetention(Duration.days(7))
                    .deletionProtection(true)
                    .removalPolicy(RemovalPolicy.SNAPSHOT)
                    .build();
            secret = instance.getSecret();
            jdbcUrl = "jdbc:postgresql://" + instance.getDbInstanceEndpointAddress() + ":"
                    + Token.asString(instance.getDbInstanceEndpointPort()) + "/" + DATABASE_NAME;
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    ISecret secret() {
        return secret;
    }

    /** Opens PostgreSQL's port to the given services; an existing database's network is the user's to open. */
    void allowFrom(List<? extends IConnectable> clients) {
        if (instance != null) {
            clients.forEach(client -> instance.getConnections().allowDefaultPortFrom(client));
        }
    }
}
