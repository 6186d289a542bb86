/**
 * The messages the Tidewater services exchange over SQS: a report arrived, a load job, and its result.
 *
 * <p>Every message is an immutable record that maps to and from JSON with {@link MessageJson}.
 */
package io.tidewater.contract;
