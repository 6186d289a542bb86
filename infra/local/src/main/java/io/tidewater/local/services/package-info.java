/** Runs the four Tidewater services in one JVM, each in its own Spring context and port, wired to the local stack. */
package io.tidewater.local.services;
