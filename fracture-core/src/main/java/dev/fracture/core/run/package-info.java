/** The runner: every prompt under the train cue and at deploy, judged, aggregated, with its options. */
package dev.fracture.core.run;
