/** Which pipeline a created object starts, by bucket, prefix and suffix rules from configuration. */
package io.tidewater.trigger.routing;
