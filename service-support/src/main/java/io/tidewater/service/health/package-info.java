/** Health checks every service shares for its readiness group: its queues, its S3 buckets and its ledger. */
package io.tidewater.service.health;
