/** The AWS CDK app that deploys Tidewater's buckets, queues, catalog, database, services and alarms. */
package io.tidewater.aws;
