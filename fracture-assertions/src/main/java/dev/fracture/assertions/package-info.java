/** AssertJ assertions for Fracture's results. */
package dev.fracture.assertions;
