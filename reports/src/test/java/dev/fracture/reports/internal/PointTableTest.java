package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.FrontierPoint;
import dev.fracture.core.geometry.FrontierStats;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.geometry.StackelbergFrontier;
import dev.fracture.core.stats.Interval;
import dev.fracture.reports.summary.PointTable;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The frontier and the cells computed from columns ({@link PointTable}) are the ones computed from a list of point
 * objects as the summary did before: the same points in the same order, the same statistics to the last bit, the
 * same cells, the same JSON.
 */
class PointTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CELLS = {"SAFE_SAFE", "FLIP_TRAIN_TO_DEPLOY", "FLIP_DEPLOY_TO_TRAIN",
            "UNSAFE_UNSAFE"};

    /** Points in arrival order: ids shuffled, three cues (one sorting before the gated one), ids with non-ASCII. */
    private static List<RunSummary.Point> arrivals(int n, long seed) {
        Random random = new Random(seed);
        String[] cues = {"default", "a-paraphrase", "ünïcode"};
        List<RunSummary.Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Mixed lengths and a character above the surrogates (U+FF5E) and a supplementary one (U+1F600), whose
            // UTF-16 order differs from code point order: the table must sort as String does.
            String id = switch (i % 5) {
                case 0 -> "p-" + i;
                case 1 -> "p-" + (i * 7919 % 1000) + "-x";
                case 2 -> "q\uFF5E" + i;
                case 3 -> "q\uD83D\uDE00" + i;
                default -> "Ω" + i;
            };
            double u = random.nextInt(21) / 20.0;
            double v = random.nextInt(21) / 20.0;
            out.add(new RunSummary.Point(id, cues[random.nextInt(cues.length)], u, v,
                    i % 3 == 0 ? null : random.nextDouble(), CELLS[random.nextInt(CELLS.length)]));
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }

    /** The frontier as the summary computed it from a list of points before the columns. */
    private static RunSummary.Frontier before(List<RunSummary.Point> points, String cue, GeometryOptions options) {
        List<RunSummary.Point> sorted = points.stream()
                .sorted(Comparator.comparing(RunSummary.Point::cue).thenComparing(RunSummary.Point::id)).toList();
        List<RunSummary.Point> own = sorted.stream().filter(p -> p.cue().equals(cue)).toList();
        List<RunSummary.Point> basis = own.isEmpty() ? sorted : own;
        FrontierStats stats = StackelbergFrontier.stats(
                basis.stream().map(p -> new FrontierPoint(p.id(), p.u(), p.v())).toList(), options);
        Interval d = stats.dominanceInterval();
        BootstrapInterval l = stats.medianLiftInterval();
        return new RunSummary.Frontier(own.isEmpty() ? "*" : cue, stats.dominance(), stats.medianLift(), sorted,
                stats.n(), new RunSummary.Bounds(d.lower(), d.upper(), d.level(), SummaryMapping.methodKey(d.method())),
                new RunSummary.BootstrapBounds(l.lower(), l.upper(), l.level(), FrontierMath.BOOTSTRAP,
                        l.resamples(), l.seed()));
    }

    /** The cells as the summary computed them before: a map of id lists and codes, then {@code ofUnsorted}. */
    private static Map<String, PromptCells> cellsBefore(List<RunSummary.Point> points,
                                                        List<RunSummary.ErroredPrompt> errored, List<String> order) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, StringBuilder> codes = new LinkedHashMap<>();
        order.forEach(c -> {
            ids.put(c, new ArrayList<>());
            codes.put(c, new StringBuilder());
        });
        for (RunSummary.Point p : points) {
            ids.computeIfAbsent(p.cue(), c -> new ArrayList<>()).add(p.id());
            codes.computeIfAbsent(p.cue(), c -> new StringBuilder()).append(PromptCells.codeOfCell(p.cell()));
        }
        for (RunSummary.ErroredPrompt e : errored) {
            ids.computeIfAbsent(e.cue(), c -> new ArrayList<>()).add(e.id());
            codes.computeIfAbsent(e.cue(), c -> new StringBuilder()).append(PromptCells.ERRORED);
        }
        Map<String, PromptCells> out = new LinkedHashMap<>();
        ids.forEach((cue, list) -> {
            if (!list.isEmpty()) {
                out.put(cue, PromptCells.ofUnsorted(list, codes.get(cue)));
            }
        });
        return out.isEmpty() ? null : out;
    }

    @Test
    void frontierFromColumnsIsTheFrontierFromPointObjects() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            List<RunSummary.Point> points = arrivals(400, seed);
            for (String cue : List.of("default", "a-paraphrase", "absent")) {
                RunSummary.Frontier expected = before(points, cue, GeometryOptions.defaults());
                RunSummary.Frontier actual = FrontierMath.frontier(points, cue, GeometryOptions.defaults());
                assertThat(actual).isEqualTo(expected);
                assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
                // From the table (what the collector reads back from its staged file): the same.
                RunSummary.Frontier fromTable = FrontierMath.frontier(PointTable.of(points), cue,
                        GeometryOptions.defaults());
                assertThat(JSON.writeValueAsString(fromTable)).isEqualTo(JSON.writeValueAsString(expected));
            }
        }
        assertThat(FrontierMath.frontier(List.of(), "default", GeometryOptions.defaults())).isNull();
    }

    @Test
    void cellsFromColumnsAreTheCellsFromPointObjects() throws Exception {
        List<RunSummary.Point> points = new ArrayList<>(arrivals(300, 9));
        // A repeated point (the later code is kept) and errored prompts, one of them also scored (errored wins),
        // one of a cue with no scored prompt.
        points.add(new RunSummary.Point(points.get(0).id(), points.get(0).cue(), 0.5, 0.5, null, "UNSAFE_UNSAFE"));
        List<RunSummary.ErroredPrompt> errored = List.of(
                new RunSummary.ErroredPrompt("e-2", "default", "timeout"),
                new RunSummary.ErroredPrompt("a-1", "default", "timeout"),
                new RunSummary.ErroredPrompt(points.get(5).id(), points.get(5).cue(), "late failure"),
                new RunSummary.ErroredPrompt("z", "only-errors", "refused"));
        for (List<String> order : List.of(List.of("default", "a-paraphrase"), List.of("ünïcode"), List.<String>of())) {
            Map<String, PromptCells> expected = cellsBefore(points, errored, order);
            Map<String, PromptCells> actual = CellsMath.cells(points, errored, order);
            assertThat(actual).containsExactlyEntriesOf(expected);
            assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
            assertThat(CellsMath.cells(PointTable.of(points), List.of(), order))
                    .containsExactlyEntriesOf(cellsBefore(points, List.of(), order));
        }
        assertThat(CellsMath.cells(List.of(), List.of(), List.of("default"))).isNull();
    }

    @Test
    void promptCellsFindEveryIdAndNoOther() {
        List<RunSummary.Point> points = arrivals(200, 3);
        PromptCells cells = CellsMath.cells(points, List.of(), List.of("default")).get("default");
        List<RunSummary.Point> own = points.stream().filter(p -> p.cue().equals("default")).toList();
        assertThat(cells.size()).isEqualTo(own.size());
        for (RunSummary.Point p : own) {
            assertThat(cells.cell(p.id())).contains(PromptCells.codeOfCell(p.cell()));
            assertThat(cells.id(cells.indexOf(p.id()))).isEqualTo(p.id());
        }
        assertThat(cells.indexOf("p-")).isNegative();
        assertThat(cells.cell("zzz")).isEmpty();
        assertThat(cells).isEqualTo(PromptCells.of(cells.asMap())).hasSameHashCodeAs(PromptCells.of(cells.asMap()));
    }
}
