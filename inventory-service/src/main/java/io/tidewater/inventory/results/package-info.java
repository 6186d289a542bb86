/** What happens when the loader answers: the reply recorded, the trigger's run updated, the reports counted. */
package io.tidewater.inventory.results;
