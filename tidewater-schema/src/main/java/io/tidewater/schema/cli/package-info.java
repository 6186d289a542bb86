/** What the crawler finds, printed for people and scripts: the rendering behind the launcher's {@code infer}. */
package io.tidewater.schema.cli;
