/** Holding an SQS message for as long as its work runs: a short visibility timeout, extended while the work lives. */
package io.tidewater.service.messaging;
