package dev.fracture.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final String EP = "http://h/v1 (model m)";

    private static ChatRequest req(String model, List<ChatMessage> msgs, double t, double p, int max, long seed) {
        return new ChatRequest(model, msgs, t, p, max, seed, 3);
    }

    private static final List<ChatMessage> MSGS = List.of(ChatMessage.system("cue"), ChatMessage.user("q"));

    @Test
    void everyDistributionChangingFieldChangesTheKey() {
        ChatRequest base = req("m", MSGS, 0.7, 0.9, 64, 5);
        String k = CacheKey.of(EP, base, 0, 0);
        assertThat(k).hasSize(64).matches("[0-9a-f]+");
        assertThat(CacheKey.of(EP, req("m", MSGS, 0.7, 0.9, 64, 5), 0, 0)).isEqualTo(k);

        Set<String> variants = new HashSet<>(List.of(
                k,
                CacheKey.of("http://other/v1 (model m)", base, 0, 0),
                CacheKey.of(EP, req("m2", MSGS, 0.7, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", List.of(ChatMessage.user("q")), 0.7, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", List.of(ChatMessage.system("cue "), ChatMessage.user("q")), 0.7, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", List.of(ChatMessage.user("cue"), ChatMessage.user("q")), 0.7, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", List.of(ChatMessage.user("q"), ChatMessage.system("cue")), 0.7, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", MSGS, 0.71, 0.9, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", MSGS, 0.7, 0.95, 64, 5), 0, 0),
                CacheKey.of(EP, req("m", MSGS, 0.7, 0.9, 65, 5), 0, 0),
                CacheKey.of(EP, req("m", MSGS, 0.7, 0.9, 64, 6), 0, 0),
                CacheKey.of(EP, base, 1, 0),
                CacheKey.of(EP, base, 0, 5)));
        assertThat(variants).hasSize(13);
    }

    @Test
    void theNumberOfSamplesAskedForDoesNotChangeASamplesKey() {
        ChatRequest three = new ChatRequest("m", MSGS, 0.7, 0.9, 64, 5, 3);
        ChatRequest five = new ChatRequest("m", MSGS, 0.7, 0.9, 64, 5, 5);
        assertThat(CacheKey.of(EP, three, 2, 0)).isEqualTo(CacheKey.of(EP, five, 2, 0));
        assertThat(CacheKey.of(EP, req("m", MSGS, -0.0, 0.9, 64, 5), 0, 0))
                .isEqualTo(CacheKey.of(EP, req("m", MSGS, 0.0, 0.9, 64, 5), 0, 0));
    }

    @Test
    void theKeysOfARequestsSamplesAreEachSamplesOwnKey() {
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 200; round++) {
            // Texts that quote the sample field, escapes and non-ASCII: the shared prefix must end at the field.
            String text = List.of("q", "\"sample\":0}", "say \"sample\":1 ", "é ✓ \\ \n", "").get(random.nextInt(5))
                    + random.nextInt(1000);
            List<ChatMessage> msgs = random.nextBoolean() ? List.of(ChatMessage.user(text))
                    : List.of(ChatMessage.system("cue " + text), ChatMessage.user(text));
            int n = 1 + random.nextInt(12);
            ChatRequest r = new ChatRequest(random.nextBoolean() ? "m" : null, msgs, random.nextInt(3) * 0.5,
                    random.nextDouble(), 1 + random.nextInt(500), random.nextLong(), n);
            int top = random.nextInt(3) == 0 ? 5 : 0;
            String[] keys = CacheKey.ofSamples(EP, r, n, top);
            assertThat(keys).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(keys[i]).as("sample %d of %s", i, CacheKey.canonical(EP, r, i, top))
                        .isEqualTo(CacheKey.of(EP, r, i, top));
            }
        }
        assertThat(CacheKey.ofSamples(EP, req("m", MSGS, 0.7, 0.9, 64, 5), 0, 0)).isEmpty();
    }

    @Test
    void theApiKeyIsNotPartOfTheKey() {
        String secret = "sk-cache-secret-777";
        OpenAiClientOptions withKey = OpenAiClientOptions.builder("http://127.0.0.1:9/v1", "m")
                .apiKeyEnv("K").envLookup(n -> secret).build();
        OpenAiClientOptions otherKey = OpenAiClientOptions.builder("http://127.0.0.1:9/v1", "m")
                .apiKeyEnv("K").envLookup(n -> "sk-another").build();
        try (OpenAiChatClient a = OpenAiChatClient.create(withKey); OpenAiChatClient b = OpenAiChatClient.create(otherKey)) {
            ChatRequest r = req("m", MSGS, 0.7, 0.9, 64, 5);
            assertThat(CacheKey.canonical(a.endpointId(), r, 0, 0)).doesNotContain(secret);
            assertThat(CacheKey.of(a.endpointId(), r, 0, 0)).isEqualTo(CacheKey.of(b.endpointId(), r, 0, 0));
        }
    }
}
