/**
 * What every stage does with its SQS messages: reads each as the contract record its listener takes, holds one for as
 * long as its work runs (a short visibility timeout, extended while the work lives), parks one it cannot read or can
 * never process on {@code <queue>-dlq} with its reason, and tells the trigger how a run is going.
 */
package io.tidewater.service.messaging;
