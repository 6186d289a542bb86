/** An inventory report's lifecycle: arrived, verified, sent to the loader, loaded. */
package io.tidewater.inventory.report;
