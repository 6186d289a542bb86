/** The one security configuration of every service: a bearer token in front of {@code /admin}, read-only Actuator. */
package io.tidewater.service.security;
