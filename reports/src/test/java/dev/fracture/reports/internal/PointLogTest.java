package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointLogTest {

    @Test
    void readsBackEveryPointSortedByCueThenId() {
        Random random = new Random(5);
        List<RunSummary.Point> added = new ArrayList<>();
        PointLog log = new PointLog();
        assertThat(log.read()).isEmpty();
        String[] cues = {"default", "paraphrase-1", "ünïcode cue"};
        String[] cells = {"SAFE", "FLIP", "REVERSE_FLIP", "UNSAFE"};
        for (int i = 0; i < 5000; i++) {
            RunSummary.Point p = new RunSummary.Point("prompt-" + i + (i % 7 == 0 ? "-Ω✓" : ""),
                    cues[random.nextInt(cues.length)], random.nextDouble(), i % 10 == 0 ? 1.0 : random.nextDouble(),
                    i % 3 == 0 ? null : random.nextDouble() - 0.5, cells[random.nextInt(cells.length)]);
            added.add(p);
            log.add(p);
        }

        assertThat(log.size()).isEqualTo(5000);
        assertThat(log.read()).containsExactlyElementsOf(sorted(added));
        // Appending after a read keeps the earlier points.
        RunSummary.Point last = new RunSummary.Point("late", "default", 0.25, 0.75, null, "SAFE");
        log.add(last);
        added.add(last);
        assertThat(log.read()).containsExactlyElementsOf(sorted(added));
    }

    /** The summary's order: by cue, then id (String order), a repeated point keeping its arrival order. */
    private static List<RunSummary.Point> sorted(List<RunSummary.Point> points) {
        return points.stream().sorted(java.util.Comparator.comparing(RunSummary.Point::cue)
                .thenComparing(RunSummary.Point::id)).toList();
    }
}
