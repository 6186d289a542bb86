/** What a report says about its bucket (objects and bytes by storage class, encryption, versions, growth) and its gauges. */
package io.tidewater.inventory.insight;
