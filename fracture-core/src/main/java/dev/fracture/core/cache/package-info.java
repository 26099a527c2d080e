/** The response cache: answers stored by endpoint, model, messages, decoder and seed, and its modes. */
package dev.fracture.core.cache;
