/** Interval methods and the statistics behind the gates. */
package dev.fracture.core.stats;
