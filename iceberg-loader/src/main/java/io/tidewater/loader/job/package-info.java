/** Load jobs by hand: submit a job or a single file, and follow every job's state and progress, queued ones too. */
package io.tidewater.loader.job;
