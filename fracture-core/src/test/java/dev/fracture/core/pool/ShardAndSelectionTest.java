package dev.fracture.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardAndSelectionTest {
    static final List<Prompt> PROMPTS = IntStream.rangeClosed(1, 1000)
            .mapToObj(i -> Prompt.of("p-" + i, "prompt " + i)).toList();

    @Test
    void fourShardsHoldEveryPromptExactlyOnceInPoolOrder() {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            List<Prompt> shard = new Shard(i, 4).select(PROMPTS);
            // 1000 prompts over 4 hash buckets: each shard within 250 ± 5 standard deviations (±68).
            assertThat(shard).hasSizeBetween(182, 318);
            assertThat(shard).isSortedAccordingTo((a, b) -> Integer.compare(PROMPTS.indexOf(a), PROMPTS.indexOf(b)));
            shard.forEach(p -> all.add(p.id()));
        }
        assertThat(all).hasSize(1000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(new HashSet<>(PROMPTS.stream().map(Prompt::id).toList()));
    }

    @Test
    void aPromptsShardDependsOnItsIdAloneNotOnRowOrder() {
        List<Prompt> shuffled = new ArrayList<>(PROMPTS);
        Collections.shuffle(shuffled, new Random(3));
        Set<String> a = ids(new Shard(2, 3).select(PROMPTS));
        Set<String> b = ids(new Shard(2, 3).select(shuffled));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void shardTextIsParsedAndCheckedWithAnExample() {
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
        assertThat(new Shard(1, 1).select(PROMPTS)).hasSize(1000);
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("shards are numbered 1 to n");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("1/4 … 4/4");
        assertThatThrownBy(() -> Shard.parse("2of4")).hasMessageContaining("expected i/n");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }

    @Test
    void limitKeepsTheFirstPromptsAndSampleASeededSubsetInPoolOrder() {
        LoadedPool pool = new LoadedPool("pool.jsonl", PROMPTS, 0);

        assertThat(PoolSelection.select(pool, 10, 0, 0).prompts()).extracting(Prompt::id)
                .containsExactly("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8", "p-9", "p-10");
        List<Prompt> sample = PoolSelection.select(pool, 0, 50, 7).prompts();
        assertThat(sample).hasSize(50).isSortedAccordingTo(
                (a, b) -> Integer.compare(PROMPTS.indexOf(a), PROMPTS.indexOf(b)));
        assertThat(PoolSelection.select(pool, 0, 50, 7).prompts()).isEqualTo(sample);
        assertThat(ids(PoolSelection.select(pool, 0, 50, 8).prompts())).isNotEqualTo(ids(sample));
        assertThat(ids(PoolSelection.select(pool, 0, 100, 7).prompts())).containsAll(ids(sample));
        List<Prompt> shuffled = new ArrayList<>(PROMPTS);
        Collections.shuffle(shuffled, new Random(5));
        assertThat(ids(PoolSelection.select(new LoadedPool("x", shuffled, 0), 0, 50, 7).prompts()))
                .isEqualTo(ids(sample));
        assertThat(PoolSelection.select(pool, 0, 5000, 7)).isSameAs(pool);
        assertThat(PoolSelection.select(pool, 0, 0, 7)).isSameAs(pool);
    }

    @Test
    void limitAndSampleTogetherAreRefused() {
        LoadedPool pool = new LoadedPool("pool.jsonl", PROMPTS, 0);
        assertThatThrownBy(() -> PoolSelection.select(pool, 10, 10, 0)).isInstanceOf(PoolException.class)
                .hasMessageContaining("not both");
    }

    private static Set<String> ids(List<Prompt> prompts) {
        Set<String> ids = new HashSet<>();
        prompts.forEach(p -> ids.add(p.id()));
        return ids;
    }
}
