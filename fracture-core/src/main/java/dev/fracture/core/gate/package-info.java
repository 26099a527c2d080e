/** Gates: PASS, FAIL or INCONCLUSIVE from an interval and a budget, the judge-corrected gate, and the planner. */
package dev.fracture.core.gate;
