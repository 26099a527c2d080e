/** Prompt pools: JSONL and CSV in their native layout, field mapping, selection and shards. */
package dev.fracture.core.pool;
