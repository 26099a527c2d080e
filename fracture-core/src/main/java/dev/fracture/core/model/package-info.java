/** Model access: chat requests, completions, and the clients of model servers. */
package dev.fracture.core.model;
