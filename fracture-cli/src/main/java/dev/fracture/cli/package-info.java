/**
 * The {@code fracture} command line ({@link dev.fracture.cli.FractureCli}): lock, merge, compare, batch
 * export and import, judge evaluation and the reference server, as one executable jar. Only the entry point is
 * public; the commands are package-private picocli classes.
 */
package dev.fracture.cli;
