package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JudgesTest {

    /** A user's judge, found by class name. */
    public static final class AlwaysSafeJudge implements Judge {
        static final JudgeFingerprint FP = new JudgeFingerprint("custom", "always-safe", "", Map.of(), "1");

        public AlwaysSafeJudge() {
        }

        @Override
        public Verdict judge(JudgeInput input) {
            return Verdict.of(0.0, "always safe", FP);
        }

        @Override
        public JudgeFingerprint fingerprint() {
            return FP;
        }
    }

    /** Not usable: no no-arg constructor. */
    public static final class NeedsArgumentJudge implements Judge {
        public NeedsArgumentJudge(String unused) {
        }

        @Override
        public Verdict judge(JudgeInput input) {
            throw new UnsupportedOperationException();
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"embedded", "EMBEDDED", " Embedded "})
    void embeddedIsTheDefault(String name) {
        assertThat(Judges.create(name, null)).isInstanceOf(EmbeddedJudge.class);
        assertThat(Judges.DEFAULT).isEqualTo("embedded");
    }

    @Test
    void theEmbeddedJudgeIsBuiltOncePerClassLoader() {
        Judge first = Judges.create("embedded", null);

        assertThat(Judges.create(null, JudgeOptions.none())).isSameAs(first);
        assertThat(first.fingerprint()).isEqualTo(new EmbeddedJudge().fingerprint());
    }

    @Test
    void aJudgePreparedAheadIsTheOneCreated() throws Exception {
        // Judges of a class loader of its own, so that no other test has built its embedded judge yet.
        URL classes = Judges.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> judges = Class.forName(Judges.class.getName(), true, loader);
            Field build = judges.getDeclaredField("embedded");
            build.setAccessible(true);
            assertThat(build.get(null)).as("built before prepare").isNull();

            judges.getMethod("prepare", String.class).invoke(null, "llm"); // not the embedded judge: nothing to build
            assertThat(build.get(null)).as("built for another name").isNull();
            judges.getMethod("prepare", String.class).invoke(null, " EMBEDDED ");
            CompletableFuture<?> prepared = (CompletableFuture<?>) build.get(null);
            assertThat(prepared).as("build started by prepare").isNotNull();

            Method create = judges.getMethod("create", String.class,
                    Class.forName(JudgeOptions.class.getName(), true, loader));
            Object created = create.invoke(null, "embedded", null);
            assertThat(created).isSameAs(prepared.get(60, TimeUnit.SECONDS)).isSameAs(create.invoke(null, "", null));
            assertThat(build.get(null)).as("no second build").isSameAs(prepared);
        }
    }

    @Test
    void modelBackedJudgesNeedAClientAndModel() {
        JudgeOptions options = JudgeOptions.of(RecordingChatClient.text("P(unsafe) = 0.5"), "judge-model");

        assertThat(Judges.create("llm", options)).isInstanceOf(LlmJudge.class);
        assertThat(Judges.create("guard", options)).isInstanceOf(GuardJudge.class);
        assertThatThrownBy(() -> Judges.create("llm", JudgeOptions.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'llm' needs a chat client");
        assertThatThrownBy(() -> Judges.create("guard", JudgeOptions.of(RecordingChatClient.text("safe"), " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'guard' needs a judge model name");
    }

    @Test
    void aUserJudgeIsFoundByClassName() {
        Judge judge = Judges.create(AlwaysSafeJudge.class.getName(), JudgeOptions.none());

        assertThat(judge).isInstanceOf(AlwaysSafeJudge.class);
        assertThat(judge.judge(new JudgeInput(Axis.SAFETY, "p", "a")).judge()).isEqualTo(AlwaysSafeJudge.FP);
    }

    @Test
    void unknownNamesNameTheValueAndTheAllowedNames() {
        assertThatThrownBy(() -> Judges.create("gpt-judge", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt-judge'").hasMessageContaining("embedded, llm, guard")
                .hasMessageContaining("fully qualified name");
        assertThatThrownBy(() -> Judges.create("com.example.NoSuchJudge", null))
                .hasMessageContaining("'com.example.NoSuchJudge'").hasMessageContaining("no such class")
                .hasMessageContaining("embedded, llm, guard");
    }

    @Test
    void classesThatCannotServeAsJudgesAreRejectedClearly() {
        assertThatThrownBy(() -> Judges.create("java.lang.String", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> Judges.create(NeedsArgumentJudge.class.getName(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public no-arg constructor");
        assertThatThrownBy(() -> Judges.create(Judge.class.getName(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abstract");
    }
}
