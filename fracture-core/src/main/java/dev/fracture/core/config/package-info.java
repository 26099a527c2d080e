/** The configuration registry: every fracture.* key, its default and parser, and where a value comes from. */
package dev.fracture.core.config;
