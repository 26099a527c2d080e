import dev.fracture.core.geometry.MiniLmEmbedder;
import dev.fracture.core.judge.EvalCase;
import dev.fracture.core.judge.JudgeEvaluation;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/** Embeds the prompts and answers of the given splits with all-MiniLM-L6-v2 (see README.md next to this file). */
public class Dump {
    public static void main(String[] a) throws Exception {
        String dir = "fracture-core/src/main/resources/dev/fracture/core/judge/";
        List<String> splits = List.of(a[0].split(","));
        String outPrefix = a[1];
        List<EvalCase> rows = new ArrayList<>();
        for (String s : splits) for (String ax : List.of("safety", "harmlessness", "helpfulness")) {
            if (s.equals("judge-eval")) continue;
            rows.addAll(JudgeEvaluation.load(Path.of(dir + "eval/" + ax + "-" + s + ".jsonl")));
        }
        if (splits.contains("judge-eval")) rows.addAll(JudgeEvaluation.load(Path.of(dir + "judge-eval.jsonl")));
        LinkedHashMap<String, Integer> texts = new LinkedHashMap<>();
        for (EvalCase r : rows) { texts.putIfAbsent(r.prompt(), texts.size()); texts.putIfAbsent(r.answer(), texts.size()); }
        List<String> all = new ArrayList<>(texts.keySet());
        System.err.println(rows.size() + " rows, " + all.size() + " texts");
        MiniLmEmbedder e = new MiniLmEmbedder();
        long t0 = System.nanoTime();
        List<float[]> vecs = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 256) {
            vecs.addAll(e.embedAll(all.subList(i, Math.min(all.size(), i + 256))));
            System.err.printf("%d/%d %.1f s%n", vecs.size(), all.size(), (System.nanoTime() - t0) / 1e9);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(outPrefix + ".f32")))) {
            for (float[] v : vecs) for (float x : v) out.writeFloat(x);
        }
        try (PrintWriter w = new PrintWriter(outPrefix + ".tsv", "UTF-8")) {
            w.println("axis\tid\tsplit\tunsafe\tprompt_ix\tanswer_ix\tprompt_hash\tanswer_len");
            for (EvalCase r : rows) w.println(r.axis().key() + "\t" + r.id() + "\t" + r.split() + "\t" + (r.unsafe() ? 1 : 0) + "\t"
                    + texts.get(r.prompt()) + "\t" + texts.get(r.answer()) + "\t" + r.prompt().hashCode() + "\t" + r.answer().length());
        }
        System.err.println("done");
    }
}
