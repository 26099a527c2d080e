/** Events of a run (measurement started, prompt evaluated, gate decided) for reporters. */
package dev.fracture.core.event;
