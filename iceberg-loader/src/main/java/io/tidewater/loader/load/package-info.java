/** Runs load jobs: read with the job's schema, evolve the table, write once, reply. */
package io.tidewater.loader.load;
