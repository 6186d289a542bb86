/** The operator console: Spring Boot Admin over the four services, with the login its listen address calls for. */
package io.tidewater.console;
