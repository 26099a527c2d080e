/** Failure messages of Fracture's assertions. */
package dev.fracture.assertions.error;
