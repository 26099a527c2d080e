package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer never reads the held-out split, and picks its training files by split name. */
class EmbeddedJudgeTrainerTest {

    @Test
    void refusesToFitOrValidateOnTheHeldOutSplit() {
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--train-splits", "dev,holdout2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout2 split is the frozen held-out split");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--validate", "holdout2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdout2 split is the frozen held-out split");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.main(new String[] {"--dry-run", "--train-splits", "dev",
                "--validate", "test"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--validate test is not one of --train-splits dev");
    }

    @Test
    void readsOnlyTheFilesOfTheTrainingSplits(@TempDir Path dir) throws IOException {
        for (String name : List.of("safety-dev.jsonl", "safety-test.jsonl", "safety-holdout.jsonl",
                "safety-holdout2.jsonl", "helpfulness-dev.jsonl", "notes.txt")) {
            Files.writeString(dir.resolve(name), "");
        }

        assertThat(EmbeddedJudgeTrainer.splitFiles(dir, EmbeddedJudgeTrainer.DEFAULT_TRAIN_SPLITS))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("helpfulness-dev.jsonl", "safety-dev.jsonl", "safety-holdout.jsonl", "safety-test.jsonl");
        assertThatThrownBy(() -> EmbeddedJudgeTrainer.splitFiles(dir, List.of("validation")))
                .hasMessageContaining("no file of the splits [validation]");
    }
}
