/** What every service's {@code /admin} API answers alike: its refusals as problem details. */
package io.tidewater.service.admin;
