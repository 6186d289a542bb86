package io.tidewater.aws;

import io.tidewater.contract.DeadLetterQueues;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.pipes.CfnPipe;
import software.amazon.awscdk.services.sns.FilterOrPolicy;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Run notifications on SNS, and the alarms an operator needs: a message in any dead-letter queue, a failed run, and
 * no completed load for longer than the freshness window.
 */
final class PipelineAlarms extends Construct {

    static final String LOADS_COMPLETED = "LoadsCompleted";
    static final String METRIC_NAMESPACE = "Tidewater";

    private final Topic runNotifications;
    private final Topic alarms;

    PipelineAlarms(Construct scope, String id, TidewaterStackProps props, PipelineQueues queues, LogGroup loaderLogs) {
        super(scope, id);
        runNotifications = Topic.Builder.create(this, "RunNotifications")
                .displayName("Tidewater run notifications")
                .enforceSsl(true)
                .build();
        alarms = Topic.Builder.create(this, "Alarms")
                .displayName("Tidewater alarms")
                .enforceSsl(true)
                .build();
        if (props.alarmEmail() != null) {
            alarms.addSubscription(new EmailSubscription(props.alarmEmail()));
        }
        forwardRunSummaries(queues.named(PipelineQueues.RUN_NOTIFICATIONS));

        queues.deadLetterQueues()
                .forEach((name, deadLetters) -> alarm(Alarm.Builder.create(this, "DeadLetters-" + name)
                        .alarmDescription("Messages " + name + " could not process wait in " + DeadLetterQueues.of(name)
                                + "; read their " + DeadLetterQueues.FAILURE_REASON_HEADER
                                + ", fix, then redrive through /admin")
                        .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                                .period(Duration.minutes(5))
                                .statistic("Maximum")
                                .build()))
                        .threshold(1)
                        .evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)));

        Queue failedRuns = failedRunsQueue();
        alarm(Alarm.Builder.create(this, "FailedRunsAlarm")
                .alarmDescription("A run failed or was quarantined; its summary waits in " + failedRuns.getQueueName())
                .metric(failedRuns.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5))
                        .statistic("Maximum")
                        .build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING));

        // The loader logs "Loaded job <id> into <table>: ..." once per completed load.
        MetricFilter loads = MetricFilter.Builder.create(this, "LoadsCompletedFilter")
                .logGroup(loaderLogs)
                .filterPattern(FilterPattern.literal("\"Loaded job\""))
                .metricNamespace(METRIC_NAMESPACE)
                .metricName(LOADS_COMPLETED)
                .metricValue("1")
                .defaultValue(0)
                .build();
        alarm(Alarm.Builder.create(this, "Freshness")
                .alarmDescription(
                        "No load completed in the last " + props.freshness().toHours() + " hours")
                .metric(loads.metric(MetricOptions.builder()
                        .period(Duration.seconds(props.freshness().toSeconds()))
                        .statistic("Sum")
                        .build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.BREACHING));
    }

    Topic runNotifications() {
        return runNotifications;
    }

    Topic alarms() {
        return alarms;
    }

    private void alarm(Alarm.Builder builder) {
        builder.build().addAlarmAction(new SnsAction(alarms));
    }

    /** The trigger writes run summaries to SQS; a pipe publishes each one, as it is, to the SNS topic. */
    private void forwardRunSummaries(Queue summaries) {
        Role role = Role.Builder.create(this, "RunNotificationsPipeRole")
                .assumedBy(new ServicePrincipal(
                        "pipes.amazonaws.com",
                        software.amazon.awscdk.services.iam.ServicePrincipalOpts.builder()
                                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                                .build()))
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"))
                .resources(List.of(summaries.getQueueArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:Publish"))
                .resources(List.of(runNotifications.getTopicArn()))
                .build());
        CfnPipe.Builder.create(this, "RunNotificationsPipe")
                .roleArn(role.getRoleArn())
                .source(summaries.getQueueArn())
                .target(runNotifications.getTopicArn())
                .targetParameters(CfnPipe.PipeTargetParametersProperty.builder()
                        .inputTemplate("<$.body>")
                        .build())
                .build();
    }

    /** Failed and quarantined run summaries, kept for two weeks; the failed-runs alarm watches this queue. */
    private Queue failedRunsQueue() {
        Queue failedRuns = Queue.Builder.create(this, "FailedRuns")
                .queueName("tidewater-failed-runs")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        failedRuns.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(failedRuns.getQueueArn()))
                .conditions(Map.of(
                        "ArnEquals", Map.of("aws:SourceArn", runNotifications.getTopicArn()),
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        Subscription.Builder.create(this, "FailedRunsSubscription")
                .topic(runNotifications)
                .protocol(SubscriptionProtocol.SQS)
                .endpoint(failedRuns.getQueueArn())
                .rawMessageDelivery(true)
                .filterPolicyWithMessageBody(Map.of(
                        "state",
                        FilterOrPolicy.filter(SubscriptionFilter.stringFilter(
                                software.amazon.awscdk.services.sns.StringConditions.builder()
                                        .allowlist(List.of("FAILED", "QUARANTINED"))
                                        .build()))))
                .build();
        return failedRuns;
    }
}
