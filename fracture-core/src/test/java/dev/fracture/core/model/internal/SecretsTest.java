package dev.fracture.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.config.ConfigSource;
import dev.fracture.core.config.ConfigValue;
import dev.fracture.core.model.OpenAiClientOptions;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void credentialsInUrlsAreMaskedWhereverTheUrlIsPrinted() {
        assertThat(Secrets.maskUrls("https://alice:sk-live-123@api.example.com/v1"))
                .isEqualTo("https://***@api.example.com/v1");
        assertThat(Secrets.maskUrls("https://sk-live-123@api.example.com/v1")).isEqualTo("https://***@api.example.com/v1");
        assertThat(Secrets.maskUrls("http://h:8000/v1?api-key=sk-1&api-version=2024-06-01"))
                .isEqualTo("http://h:8000/v1?api-key=***&api-version=2024-06-01");
        assertThat(Secrets.maskUrls("see http://h/v1?x=1&access_token=abc#sig=zzz and https://ok.example/v1"))
                .isEqualTo("see http://h/v1?x=1&access_token=***#sig=*** and https://ok.example/v1");
        assertThat(Secrets.maskUrls("mail me at bob@example.com")).isEqualTo("mail me at bob@example.com");
    }

    @Test
    void configurationErrorsAndClientErrorsNeverEchoTheCredential() {
        ConfigValue url = new ConfigValue("fracture.model.base-url", "https://u:sk-live-123@h/v1?key=sk-2",
                ConfigSource.SYSTEM_PROPERTY);
        assertThat(url.shown()).isEqualTo("fracture.model.base-url = 'https://***@h/v1?key=***' "
                + "(system property -Dfracture.model.base-url)");
        assertThatThrownBy(() -> OpenAiClientOptions.builder("ftp://u:sk-live-123@h/v1", "m"))
                .hasMessageContaining("'ftp://***@h/v1'").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("sk-live-123"));
        OpenAiClientOptions options = OpenAiClientOptions.builder("https://u:sk-live-123@h/v1?api-key=sk-2", "m").build();
        assertThat(options.displayUrl()).doesNotContain("sk-live-123").doesNotContain("sk-2");
        assertThat(options.toString()).doesNotContain("sk-live-123").doesNotContain("sk-2");
    }

    @Test
    void theKeyIsMaskedInText() {
        assertThat(Secrets.mask("key sk-1 and sk-1", "sk-1")).isEqualTo("key *** and ***");
        assertThat(Secrets.mask("nothing", null)).isEqualTo("nothing");
    }
}
