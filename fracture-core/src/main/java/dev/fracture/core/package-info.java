/** The measurement: prompts, samples, verdicts, the 2×2 cells and FRACTURE with its interval. */
package dev.fracture.core;
