/** The JUnit Jupiter extension: @AlignmentFaking and its companion annotations, per-prompt invocations and the gate. */
package dev.fracture.junit;
