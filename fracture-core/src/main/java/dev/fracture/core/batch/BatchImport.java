package dev.fracture.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.model.Completion;
import dev.fracture.core.model.FilteredAs;
import dev.fracture.core.model.UnreadableAnswerException;
import dev.fracture.core.model.WireChoice;
import dev.fracture.core.model.internal.AnswerCheck;
import dev.fracture.core.model.internal.OpenAiWire;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads OpenAI Batch output files (one line per request: {@code custom_id}, {@code response.status_code},
 * {@code response.body} with {@code choices}, or {@code error}) back into the response cache, each answer under
 * its {@code custom_id}, which is its cache key. Ids are checked against the export's index: an id the export did
 * not write is reported and not stored; exported ids without a usable answer are reported as missing or failed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class BatchImport {
    /** How many ids a report lists per kind; the counts are always complete. */
    public static final int SHOWN = 5;

    /** One exported request as its index describes it. */
    record Entry(String endpoint, String model, String prompt, String label, int sample) {
        String display(String id) {
            return new BatchRequest(id, endpoint, model, prompt, label, sample, BatchRequest.read("{}")).display();
        }
    }

    /**
     * What an import did.
     *
     * @param expected requests in the export's index
     * @param imported answers stored (or already stored with the same key)
     * @param alreadyCached of {@code imported}, answers the cache held already (kept unless replacing)
     * @param missing exported ids with no line in any output file
     * @param failed exported ids whose lines carry an error, a non-200 status or no usable choice, with the reason
     * @param unknown ids in the output that the export did not write (not stored)
     * @param duplicates lines of an id already imported from an earlier line
     */
    public record Report(int expected, int imported, int alreadyCached, List<String> missing, List<String> failed,
                         List<String> unknown, int duplicates) {

        /** Every exported request has an answer in the cache: a replay-only run will make no model call. */
        public boolean complete() {
            return missing.isEmpty() && failed.isEmpty();
        }
    }

    private BatchImport() {
    }

    /**
     * Imports the output files into {@code cache}.
     *
     * @param replace overwrite answers the cache holds already; otherwise the stored answer of a key is kept
     * @throws IllegalArgumentException naming the file and line of a line that is not JSON or has no id
     */
    public static Report run(Path index, List<Path> outputs, ResponseCache cache, boolean replace) {
        Map<String, Entry> expected = readIndex(index);
        Set<String> stored = new HashSet<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        int[] counts = new int[2]; // already cached, duplicates
        for (Path output : outputs) {
            BatchExport.forEachLine(output, (line, number) -> {
                JsonNode node = BatchExport.parse(output, number, line);
                String id = BatchExport.id(output, number, node);
                Entry entry = expected.get(id);
                if (entry == null) {
                    unknown.add(id);
                    return;
                }
                if (stored.contains(id)) {
                    counts[1]++;
                    return;
                }
                Object answer = answer(node);
                if (answer instanceof String reason) {
                    failed.putIfAbsent(id, entry.display(id) + ": " + reason + " (" + output.getFileName() + ":"
                            + number + ")");
                    return;
                }
                if (cache.lookup(id).isPresent()) {
                    counts[0]++;
                }
                cache.store(id, entry.endpoint(), entry.model(), (Completion) answer, replace);
                stored.add(id);
                failed.remove(id); // a retried line that succeeded later
            });
        }
        cache.flush();
        List<String> missing = new ArrayList<>();
        expected.forEach((id, entry) -> {
            if (!stored.contains(id) && !failed.containsKey(id)) {
                missing.add(entry.display(id));
            }
        });
        return new Report(expected.size(), stored.size(), counts[0], missing, List.copyOf(failed.values()), unknown,
                counts[1]);
    }

    /** The first completion of a line, or why there is none. */
    private static Object answer(JsonNode line) {
        JsonNode error = line.get("error");
        if (error != null && !error.isNull()) {
            return "error " + text(error.path("code")) + " " + text(error.path("message"));
        }
        JsonNode response = line.get("response");
        if (response == null || response.isNull()) {
            return "no response";
        }
        int status = response.path("status_code").asInt(200);
        JsonNode body = response.path("body");
        if (status != 200) {
            return "HTTP " + status + " " + text(body.path("error").path("message"));
        }
        try {
            List<WireChoice> choices = OpenAiWire.parseChoices(BatchRequest.write(body));
            // The live client's rule for what is an answer: filtered, empty or non-text content is never stored.
            return AnswerCheck.accept(List.of(choices.get(0)), FilteredAs.ERROR, "", "the batch output").get(0);
        } catch (OpenAiWire.BadBodyException | UnreadableAnswerException e) {
            return e.getMessage();
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static Map<String, Entry> readIndex(Path index) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        BatchExport.forEachLine(index, (line, number) -> {
            JsonNode node = BatchExport.parse(index, number, line);
            String id = BatchExport.id(index, number, node);
            entries.putIfAbsent(id, new Entry(node.path("endpoint").asText(""), node.path("model").asText(""),
                    node.path("prompt").asText(""), node.path("label").asText(""), node.path("sample").asInt(0)));
        });
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(index + " lists no request; pass the index written by "
                    + "'fracture batch export' beside the request file");
        }
        return entries;
    }
}
