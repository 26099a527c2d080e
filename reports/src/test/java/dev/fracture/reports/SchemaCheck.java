package dev.fracture.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates JSON against the shipped summary schema. */
final class SchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = load(RunSummary.SCHEMA_RESOURCE);
    private static final Schema SCHEMA_V3 = load(RunSummary.SCHEMA_V3_RESOURCE);
    private static final Schema SCHEMA_V2 = load(RunSummary.SCHEMA_V2_RESOURCE);

    private SchemaCheck() {
    }

    private static Schema load(String resource) {
        try (InputStream in = RunSummary.class.getResourceAsStream(resource)) {
            JsonNode node = MAPPER.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> errors(String json) {
        return errors(SCHEMA, json);
    }

    /** Against the schema of version 3, which files written by that version follow. */
    static List<String> errorsV3(String json) {
        return errors(SCHEMA_V3, json);
    }

    /** Against the schema of version 2, which files written by that version follow. */
    static List<String> errorsV2(String json) {
        return errors(SCHEMA_V2, json);
    }

    private static List<String> errors(Schema schema, String json) {
        try {
            return schema.validate(MAPPER.readTree(json)).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
