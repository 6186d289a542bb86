/** How a domain service plugs into the kit: one {@link io.tidewater.service.stage.DomainStage} declaration. */
package io.tidewater.service.stage;
