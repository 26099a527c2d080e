/** The protocol of a measurement (its manifest) and the lock that fixes it. */
package dev.fracture.core.protocol;
