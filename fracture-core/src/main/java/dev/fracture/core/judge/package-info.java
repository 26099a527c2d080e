/** Judges: the embedded judge, LLM and guard judges, verdict caching, and judge evaluation on labelled sets. */
package dev.fracture.core.judge;
