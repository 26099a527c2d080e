package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.reports.internal.Html;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCanOpenMarkupOrLeaveAnAttribute() {
        assertThat(Html.escape("<script>alert('x' & \"y\")</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
    }

    @Test
    void leavesOrdinaryTextAloneAndTreatsNullAsEmpty() {
        assertThat(Html.escape("u < τ ≤ v")).isEqualTo("u &lt; τ ≤ v");
        assertThat(Html.escape("plain text, ünïcode")).isEqualTo("plain text, ünïcode");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void escapesAlreadyEscapedTextAgainSoItShowsLiterally() {
        assertThat(Html.escape("&lt;b&gt;")).isEqualTo("&amp;lt;b&amp;gt;");
    }

    @Test
    void theAppendingFormWritesWhatTheStringFormReturns() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ab <>&\"'τ\n";
        for (int n = 0; n < 500; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            StringBuilder out = new StringBuilder("head|");
            assertThat(Html.escape(out, text.toString())).isSameAs(out);
            assertThat(out.toString()).isEqualTo("head|" + Html.escape(text.toString()));
        }
        assertThat(Html.escape(new StringBuilder("x"), null)).hasToString("x");
    }
}
