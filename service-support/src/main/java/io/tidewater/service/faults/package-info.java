/** Fault injection for the reliability tests only: named crash points, off unless a system property names one. */
package io.tidewater.service.faults;
