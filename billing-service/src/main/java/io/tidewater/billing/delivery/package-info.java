/** A billing delivery's lifecycle: arrived, admitted to its period or skipped, sent to the loader, loaded. */
package io.tidewater.billing.delivery;
