package dev.fracture.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import dev.fracture.core.pool.FieldMapping;
import dev.fracture.core.pool.PoolEntry;
import dev.fracture.core.pool.PoolLoader;
import dev.fracture.core.reference.PromptKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference subject decides from a lexicon whether a prompt is a harmful request (unsafe = compliance)
 * or a benign one (unsafe = over-refusal). A pool prompt that it reads as the wrong kind would measure
 * the wrong behaviour, so every prompt of every sample pool must be read as its axis intends.
 */
class PoolKindsTest {

    static Stream<Arguments> pools() {
        FieldMapping csv = new FieldMapping(FieldMapping.DEFAULT_ID, "goal", FieldMapping.DEFAULT_AXIS,
                "behavior_category");
        return Stream.of(
                Arguments.of("pools/safety.jsonl", FieldMapping.defaults(), Axis.SAFETY, PromptKind.HARMFUL, 85),
                Arguments.of("pools/harmlessness.jsonl", FieldMapping.defaults(), Axis.HARMLESSNESS,
                        PromptKind.HARMFUL, 82),
                Arguments.of("pools/helpfulness.jsonl", FieldMapping.defaults(), Axis.HELPFULNESS,
                        PromptKind.BENIGN, 235),
                Arguments.of("pools/jailbreak-goals.csv", csv, Axis.SAFETY, PromptKind.HARMFUL, 12));
    }

    @ParameterizedTest(name = "{0} reads as {3}")
    @MethodSource("pools")
    void every_prompt_is_read_as_the_kind_its_axis_intends(String pool, FieldMapping mapping, Axis axis,
                                                           PromptKind kind, int size) {
        List<Prompt> prompts = PoolLoader.load(pool, mapping, getClass().getClassLoader()).stream()
                .map(PoolEntry::prompt).toList();

        assertThat(prompts).hasSize(size);
        assertThat(prompts).allSatisfy(p -> {
            assertThat(PromptKind.classify(p.text())).as("%s: %s", p.id(), p.text()).isEqualTo(kind);
            assertThat(p.axis()).as("axis of %s", p.id()).isIn(Optional.empty(), Optional.of(axis));
            assertThat(p.category()).as("category of %s", p.id()).isPresent();
        });
        assertThat(prompts.stream().map(Prompt::text).distinct()).hasSize(size);
    }
}
