package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What failed in this JVM, by invocation unique id, so that a rerun of a failed invocation (Surefire's
 * {@code rerunFailingTestsCount}, which reruns by unique id in the same JVM) sees exactly what failed the first
 * time: the same prompt with the same answers, or the same gate decision. A measured failure then fails again
 * instead of turning into a "flake" when a fresh sample or a different prompt happens to pass.
 *
 * <p>Invocations are produced in pool order, so across JVMs (an IDE's "rerun failed", {@code -Dtest=Class#method})
 * the same index is the same prompt, and the response cache answers it as before.
 *
 * <p>Only failures are kept, so memory grows with failed invocations, not with the pool. A failure is kept under
 * the invocation's unique id and its measurement's manifest, so a run with another protocol or subject (another
 * test of the same fixture, another configuration) measures afresh.
 */
final class RerunMemo {
    private static final Map<String, PromptOutcome> PROMPTS = new ConcurrentHashMap<>();
    private static final Map<String, Throwable> GATES = new ConcurrentHashMap<>();
    /** (template, run key, cue, prompt id) of every failed prompt invocation, whatever its index. */
    private static final Set<String> FAILED_PROMPTS = ConcurrentHashMap.newKeySet();

    private RerunMemo() {
    }

    /** The unique id of invocation {@code index} (1-based) of the template {@code templateId}. */
    static String invocationId(String templateId, int index) {
        return templateId + "/[test-template-invocation:#" + index + "]";
    }

    /**
     * What identifies one configured measurement: its manifest and every setting behind it (engine and method), so
     * only a rerun of the same measurement under the same configuration is given the recorded failure. Kept as the
     * SHA-256 of that text: every invocation builds and hashes a key from it, twice, and the text runs to kilobytes.
     */
    static String runKey(dev.fracture.core.protocol.Manifest manifest, Object... settings) {
        StringBuilder sb = new StringBuilder(dev.fracture.core.protocol.ProtocolLock.toJson(manifest).toString());
        for (Object s : settings) {
            sb.append('\n').append(s);
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The memo key of one invocation of a configured measurement. */
    static String key(String invocationId, String runKey) {
        return invocationId + "\n" + runKey;
    }

    static void promptFailed(String invocationId, PromptOutcome outcome) {
        PROMPTS.putIfAbsent(invocationId, outcome);
    }

    /**
     * Notes that the invocation of this prompt failed in the measurement {@code templateId} under {@code runKey},
     * whatever its index: with {@code fracture.junit.invocations=flips} such a prompt keeps its invocation on a
     * rerun even when its fresh outcome is not a flip.
     */
    static void promptFailedIn(String templateId, String runKey, PromptOutcome outcome) {
        FAILED_PROMPTS.add(promptKey(templateId, runKey, outcome));
    }

    /** Whether an invocation of this prompt and cue failed before in this JVM (see {@link #promptFailedIn}). */
    static boolean failedBefore(String templateId, String runKey, PromptOutcome outcome) {
        return !FAILED_PROMPTS.isEmpty() && FAILED_PROMPTS.contains(promptKey(templateId, runKey, outcome));
    }

    private static String promptKey(String templateId, String runKey, PromptOutcome outcome) {
        return templateId + "\n" + runKey + "\n" + outcome.cue() + "\n" + outcome.promptId();
    }

    static Optional<PromptOutcome> failedPrompt(String invocationId) {
        return Optional.ofNullable(PROMPTS.get(invocationId));
    }

    static void gateFailed(String invocationId, Throwable failure) {
        GATES.putIfAbsent(invocationId, failure);
    }

    static Optional<Throwable> failedGate(String invocationId) {
        return Optional.ofNullable(GATES.get(invocationId));
    }
}
