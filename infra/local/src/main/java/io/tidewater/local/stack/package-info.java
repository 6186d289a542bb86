/** The embedded local stack: in-JVM SQS and S3 servers on loopback that behave like AWS, from one configuration file. */
package io.tidewater.local.stack;
