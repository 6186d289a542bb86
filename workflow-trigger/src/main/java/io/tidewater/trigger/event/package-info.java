/** S3 event notifications in every shape AWS delivers them: direct, SNS-wrapped, EventBridge. */
package io.tidewater.trigger.event;
