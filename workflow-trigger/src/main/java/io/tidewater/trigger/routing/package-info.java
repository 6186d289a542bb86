/** Which pipeline a created object starts, by allowlist and by bucket, prefix, suffix and glob rules. */
package io.tidewater.trigger.routing;
