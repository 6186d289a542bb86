/** Benchmarks of the whole pipeline on the embedded stack, each against a baseline measured in the same run. */
package io.tidewater.bench.pipeline;
