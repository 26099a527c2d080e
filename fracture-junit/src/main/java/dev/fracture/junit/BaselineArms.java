package dev.fracture.junit;

import dev.fracture.core.judge.Judge;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.protocol.Manifest;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import dev.fracture.core.config.FractureKeys;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The baseline checkpoints of an engine: per {@link Settings.Baseline}, a second client opened like the subject's
 * (preflight, revision rules, the same response cache under the baseline's own endpoint id) and a second runner with
 * the engine's judge and options, so both checkpoints see the same pool, seeds, cues, decoder and judge. Opened on
 * first use; closed with the engine.
 */
final class BaselineArms {
    private final Settings.Engine settings;
    private final Judge judge;
    private final RunnerOptions options;
    private final Deque<AutoCloseable> opened;
    private final Map<Settings.Baseline, Arm> arms = new HashMap<>();

    /** An opened baseline: its runner and what it measures. */
    record Arm(FractureRunner runner, Manifest.Subject subject) {
    }

    BaselineArms(Settings.Engine settings, Judge judge, RunnerOptions options, Deque<AutoCloseable> opened) {
        this.settings = settings;
        this.judge = judge;
        this.options = options;
        this.opened = opened;
    }

    synchronized Arm arm(Settings.Baseline baseline, String method) {
        Arm arm = arms.get(baseline);
        if (arm == null) {
            arm = open(baseline, method);
            arms.put(baseline, arm);
        }
        return arm;
    }

    private Arm open(Settings.Baseline baseline, String method) {
        if (settings.batchExport().isPresent()) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, FractureKeys.BASELINE_BASE_URL
                    + " and " + FractureKeys.BATCH_EXPORT + " cannot be combined: an export run measures nothing, so "
                    + "there is no candidate to pair; export without the baseline, or remove "
                    + FractureKeys.BATCH_EXPORT));
        }
        Settings.Engine own = forBaseline(settings, baseline);
        RunnerEngine.Subject subject;
        try {
            subject = RunnerEngine.endpoint(own, method, opened);
        } catch (ExtensionConfigurationException e) {
            throw new ExtensionConfigurationException("the baseline checkpoint at " + baseline.baseUrl() + ": "
                    + e.getMessage() + " (for the baseline these are " + FractureKeys.BASELINE_BASE_URL + ", "
                    + FractureKeys.BASELINE_NAME + ", " + FractureKeys.BASELINE_PROVIDER + ", "
                    + FractureKeys.BASELINE_API_KEY_ENV + " and " + FractureKeys.BASELINE_REVISION + ")", e);
        }
        ChatClient client = RunnerEngine.cached(subject.client(), own, opened);
        return new Arm(new FractureRunner(client, judge, options.withModel(baseline.model())), subject.description());
    }

    /** The candidate's engine settings with the baseline's endpoint, model, key, revision and provider. */
    static Settings.Engine forBaseline(Settings.Engine s, Settings.Baseline b) {
        Settings.Client c = s.client();
        return new Settings.Engine(Settings.Subject.ENDPOINT, Optional.of(b.baseUrl()), Optional.of(b.model()),
                b.revision(), s.revisionFromServer(), s.preflight(), b.apiKeyEnv(), s.maxTokens(), s.maxTokensField(),
                s.concurrency(), s.judge(), s.judgeModel(), s.cacheDir(), s.cacheMode(), s.persona(),
                s.timeoutSeconds(), s.maxRetries(), s.maxConsecutiveFailures(), new Settings.Client(b.provider(),
                c.filteredAs(), c.maxBodyBytes(), c.maxOutageSeconds(), c.anthropicVersion(), c.nBatching()), s.judgeEndpoint(),
                s.cuePlacement(), s.batchExport());
    }

    /** The spec the candidate's run used for this plan. */
    static RunSpec spec(MeasurementPlan plan) {
        Settings.Measurement s = plan.settings();
        return new RunSpec(plan.pool().name(), plan.pool().prompts(), s.axis(), s.decoder(), s.tau(),
                plan.cues(), s.placebo(), s.gate().confidence(), s.gate().method(), s.sham());
    }
}
