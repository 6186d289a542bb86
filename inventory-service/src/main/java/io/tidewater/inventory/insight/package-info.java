/** What a report says about its bucket: objects and bytes by storage class, encryption, versions, growth. */
package io.tidewater.inventory.insight;
