/**
 * Batch engines: a suite's request set as OpenAI Batch JSONL and the answers back into the response cache.
 *
 * <p>A run with {@code fracture.batch.export} uses {@link dev.fracture.core.batch.BatchExportClient} in place of
 * the model client, so every request is built by the runner exactly as a live run builds it and written by a
 * {@link dev.fracture.core.batch.BatchExportWriter}; {@link dev.fracture.core.batch.BatchExport} merges a
 * directory of such files into batch input files, and {@link dev.fracture.core.batch.BatchImport} reads batch
 * output files into the cache. A line's {@code custom_id} is the cache key of its sample, so the answers are
 * found by a {@code replay-only} run without any other mapping.
 */
package dev.fracture.core.batch;
