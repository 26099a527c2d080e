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
}
