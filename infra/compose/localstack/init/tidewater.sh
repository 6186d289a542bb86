#!/usr/bin/env bash
# Creates what infra/local/src/main/resources/tidewater-local.yml creates in the embedded stack, in LocalStack:
# the buckets, every queue with its <queue>-dlq (redrive after 5 receives), and the S3 event notifications.
# LocalStack runs it once it is ready (/etc/localstack/init/ready.d); docker compose and LocalStackContainerPipelineIT
# both mount it. The healthcheck waits for the marker file it writes last.
set -euo pipefail

queues=(
  tidewater-s3-events
  tidewater-inventory-reports
  tidewater-billing-reports
  tidewater-load-jobs
  tidewater-billing-load-jobs
  tidewater-load-results
  tidewater-billing-load-results
  tidewater-run-updates
  tidewater-run-notifications
)
buckets=(tidewater-inventory tidewater-billing tidewater-warehouse)
notified=(tidewater-inventory tidewater-billing)

for queue in "${queues[@]}"; do
  dlq_url=$(awslocal sqs create-queue --queue-name "${queue}-dlq" --query QueueUrl --output text)
  dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
  # 30 s for every queue: the services hold a long task's message on a lease of that length
  # (tidewater.messaging.lease) and extend it while they work, as in the embedded stack.
  visibility=30
  awslocal sqs create-queue --queue-name "$queue" --attributes "{
    \"VisibilityTimeout\": \"${visibility}\",
    \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"${dlq_arn}\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"
  }" > /dev/null
done

events_arn=$(awslocal sqs get-queue-attributes \
  --queue-url "$(awslocal sqs get-queue-url --queue-name tidewater-s3-events --query QueueUrl --output text)" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)

for bucket in "${buckets[@]}"; do
  awslocal s3api create-bucket --bucket "$bucket" > /dev/null
done
for bucket in "${notified[@]}"; do
  awslocal s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "{
    \"QueueConfigurations\": [{\"QueueArn\": \"${events_arn}\", \"Events\": [\"s3:ObjectCreated:*\"]}]
  }"
done

touch /tmp/tidewater-ready
echo "tidewater: buckets, queues and notifications ready"
