/** The reference subject: an embedded simulator of a checkpoint with known parameters, not a language model. */
package dev.fracture.core.reference;
