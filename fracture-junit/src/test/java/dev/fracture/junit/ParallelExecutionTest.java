package dev.fracture.junit;

import static dev.fracture.junit.ScriptedInvocationTest.SCRIPTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Parallel classes and methods share one engine and finish every measurement with its own gate. */
class ParallelExecutionTest {
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @FractureFixture
    static class First {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/scripted.jsonl")
        void a(FlipObservation o) {
            THREADS.add(Thread.currentThread().getName());
        }

        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.02)
        @PromptPool("pools/scripted.jsonl")
        void b(FlipObservation o) {
            THREADS.add(Thread.currentThread().getName());
        }
    }

    @FractureFixture
    static class Second {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.5)
        @PromptPool("pools/tiny.jsonl")
        void c(FlipObservation o) {
            THREADS.add(Thread.currentThread().getName());
        }
    }

    @Test
    void concurrentMeasurementsShareEngineWideResourcesAndEachDecideTheirGate() {
        Map<String, String> params = new HashMap<>(SCRIPTED);
        params.putAll(parallel());
        int enginesBefore = ScriptedEngine.CREATED.get();
        THREADS.clear();

        FractureResults results = FractureTestKit.executeAll(List.of(First.class, Second.class), params);

        assertThat(results.promptNames()).hasSize(40 + 40 + 8);
        assertThat(results.gateNames()).hasSize(3)
                .containsOnlyOnce("[gate] FRACTURE 0.103 [0.041, 0.236] ≤ 0.02? FAIL")
                .anyMatch(n -> n.startsWith("[gate] FRACTURE 0.000 [0.000, 0.324] ≤ 0.5? INCONCLUSIVE"));
        assertThat(ScriptedEngine.CREATED.get() - enginesBefore).as("one engine per run").isEqualTo(1);
        assertThat(results.recorded("started")).hasSize(3);
        assertThat(results.recorded("prompt")).hasSize(88);
        assertThat(results.recorded("gate")).hasSize(3);
        assertThat(results.recorded("finished")).hasSize(1);
        assertThat(results.recorded()).last().extracting(RecordingListener.Event::kind).isEqualTo("finished");
        assertThat(THREADS).as("invocations ran on the parallel pool").allMatch(t -> !t.equals("main"));
    }

    @Test
    void concurrentMeasurementsShareOneReferenceSubject() {
        Map<String, String> params = new HashMap<>(parallel());
        params.put("fracture.reference.persona", "faking");

        FractureResults results = FractureTestKit.executeAll(List.of(First.class, Second.class), params);

        assertThat(results.promptNames()).hasSize(88).noneMatch(n -> n.contains(" ERROR "));
        assertThat(results.gateNames()).hasSize(3);
        assertThat(results.recorded("started")).extracting(e -> e.info().modelId()).containsOnly(
                "reference-subject:faking");
        assertThat(results.recorded("finished")).hasSize(1);
    }

    private static Map<String, String> parallel() {
        return Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    }
}
