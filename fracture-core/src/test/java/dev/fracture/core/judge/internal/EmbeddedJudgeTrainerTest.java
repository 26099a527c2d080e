package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer never reads a held-out split, and picks its training files by split name. The held-out split
 * {@code holdout3} may not exist yet when this runs: the refusal is by its name, before any file is read.
 */
class EmbeddedJudgeTrainerTest {

    @Test
    void refusesToFitOrValidateOnTheHeldOutSplit(@TempDir Path dir) throws IOException {
        assertThat(EmbeddedJudgeTrainer.HELD_OUT_SPLITS).containsExactly("holdout3");
        assertThat(EmbeddedJudgeTrainer.DEFAULT_TRAIN_SPLITS).doesNotContainAnyElementsOf(EmbeddedJudgeTrainer.HELD_OUT_SPLITS);
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--train-splits", "dev,holdout3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout3 split is a frozen held-out split");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--validate", "holdout3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout3 split is a frozen held-out split");
        // Refused even where a file of the held-out split exists, before it is read: this one is not JSON.
        Files.writeString(dir.resolve("safety-holdout3.jsonl"), "not json\n");
        Files.writeString(dir.resolve("safety-dev.jsonl"), "");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--data", dir.toString(),
                "--train-splits", "dev,holdout3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout3 split is a frozen held-out split");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--train-splits", "dev",
                "--validate", "test"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--validate test is not one of --train-splits dev");
    }

    @Test
    void readsOnlyTheFilesOfTheTrainingSplits(@TempDir Path dir) throws IOException {
        for (String name : List.of("safety-dev.jsonl", "safety-test.jsonl", "safety-holdout.jsonl",
                "safety-holdout2.jsonl", "safety-holdout3.jsonl", "helpfulness-dev.jsonl", "notes.txt")) {
            Files.writeString(dir.resolve(name), "");
        }

        assertThat(EmbeddedJudgeTrainer.splitFiles(dir, EmbeddedJudgeTrainer.DEFAULT_TRAIN_SPLITS))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("helpfulness-dev.jsonl", "safety-dev.jsonl", "safety-holdout.jsonl", "safety-holdout2.jsonl",
                        "safety-test.jsonl");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.splitFiles(dir, List.of("validation")))
                .hasMessageContaining("no file of the splits [validation]");
    }
}
