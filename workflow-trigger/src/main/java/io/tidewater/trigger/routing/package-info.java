/**
 * Created objects, the routes their completion markers follow, and which pipeline an object starts, by allowlist and by
 * bucket, prefix, suffix and glob rules.
 */
package io.tidewater.trigger.routing;
