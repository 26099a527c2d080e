package dev.fracture.junit;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Tau;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.config.ConfigKey;
import dev.fracture.core.config.ConfigSource;
import dev.fracture.core.config.ConfigValue;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.ConfigurationException;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.JudgeCorrectionConfig.Mode;
import dev.fracture.core.gate.JudgeCorrectionConfig;
import dev.fracture.core.judge.Confusion;
import dev.fracture.core.model.FilteredAs;
import dev.fracture.core.model.NBatching;
import dev.fracture.core.model.Providers;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.stats.IntervalMethod;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Applies the annotations of one method on top of the {@link FractureKeys configuration keys} and validates the
 * result. The keys, their defaults and parsers live in {@link FractureKeys}; this class adds the rules that
 * involve several keys or an annotation, and names the method in every error.
 */
final class Settings {
    /** The model name sent to the reference subject when none is set (it then serves the configured persona). */
    static final String REFERENCE_MODEL_NAME = "reference";
    /** The API root used with {@code fracture.model.provider=anthropic} when no base URL is set. */
    static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";
    /** The key variable read with {@code fracture.model.provider=anthropic} when none is configured. */
    static final String ANTHROPIC_KEY_ENV = "ANTHROPIC_API_KEY";

    private final Configuration config;
    /** {@code SimpleClassName#method} of the method being configured, named in every error. */
    private final String method;

    Settings(Configuration config, String method) {
        this.config = config;
        this.method = method;
    }

    /** What to do when the gate cannot decide for want of prompts. */
    enum Inconclusive {
        FAIL,
        ABORT
    }

    /** What is measured: the embedded simulator, or a model behind an endpoint (of any provider). */
    enum Subject {
        REFERENCE,
        ENDPOINT
    }

    /**
     * How the model client reads answers and bounds resources.
     *
     * @param provider {@code openai}, {@code anthropic} or a {@code ProviderWire} class name
     */
    record Client(String provider, FilteredAs filteredAs, long maxBodyBytes, int maxOutageSeconds,
                  String anthropicVersion, NBatching nBatching) {
    }

    /** A judge endpoint apart from the subject's: its provider, API root and key variable ("" for none). */
    record JudgeEndpoint(String provider, String baseUrl, String apiKeyEnv) {
    }

    /** Engine-wide settings: one model endpoint, judge and cache per test run. */
    record Engine(Subject subject, Optional<String> baseUrl, Optional<String> modelName, Optional<String> revision,
                  boolean revisionFromServer, boolean preflight, String apiKeyEnv, int maxTokens,
                  String maxTokensField, int concurrency, ConfigValue judge, Optional<String> judgeModel,
                  Path cacheDir, CacheMode cacheMode, Persona persona, int timeoutSeconds, int maxRetries,
                  int maxConsecutiveFailures, Client client, Optional<JudgeEndpoint> judgeEndpoint,
                  dev.fracture.core.run.CuePlacement cuePlacement, Optional<Path> batchExport) {

        /** The model name sent with every request. */
        String model() {
            return modelName.orElse(REFERENCE_MODEL_NAME);
        }
    }

    /**
     * The settings of one annotated method.
     *
     * @param correction whether the judge-corrected FRACTURE is reported or gated, with Se and Sp
     */
    record Measurement(Axis axis, Tau tau, DecoderConfig decoder, boolean placebo, GateConfig gate,
                       Inconclusive inconclusive, JudgeCorrectionConfig correction, Sequential sequential,
                       Optional<String> sham) {

        Measurement {
            sham = sham == null ? Optional.empty() : sham;
        }

        Measurement(Axis axis, Tau tau, DecoderConfig decoder, boolean placebo, GateConfig gate,
                    Inconclusive inconclusive, JudgeCorrectionConfig correction, Sequential sequential) {
            this(axis, tau, decoder, placebo, gate, inconclusive, correction, sequential, Optional.empty());
        }

        Measurement(Axis axis, Tau tau, DecoderConfig decoder, boolean placebo, GateConfig gate,
                    Inconclusive inconclusive, JudgeCorrectionConfig correction) {
            this(axis, tau, decoder, placebo, gate, inconclusive, correction, Sequential.FIXED);
        }

        /** Settings without a judge correction (e.g. a decoder sweep's grid points, which never correct). */
        Measurement(Axis axis, Tau tau, DecoderConfig decoder, boolean placebo, GateConfig gate,
                    Inconclusive inconclusive) {
            this(axis, tau, decoder, placebo, gate, inconclusive, JudgeCorrectionConfig.OFF);
        }
    }

    /** Which prompts become JUnit invocations ({@code fracture.junit.invocations}). */
    enum Invocations {
        /** One invocation per prompt and cue (the default). */
        ALL,
        /** Invocations only for flipped and errored prompts (and a prompt whose invocation failed before). */
        FLIPS,
        /** No prompt invocation: the gate's only. */
        GATE
    }

    Invocations invocations() {
        String mode = value(FractureKeys.JUNIT_INVOCATIONS);
        return FractureKeys.INVOCATIONS_FLIPS.equals(mode) ? Invocations.FLIPS
                : FractureKeys.INVOCATIONS_GATE.equals(mode) ? Invocations.GATE : Invocations.ALL;
    }

    /** Whether {@code fracture.junit.invocations} is set anywhere, so its value is a choice, not the default. */
    boolean invocationsChosen() {
        return config.lookup(FractureKeys.JUNIT_INVOCATIONS).isPresent();
    }

    /** The shard of every pool this run measures ({@code fracture.shard}), when the pools are split. */
    Optional<dev.fracture.core.pool.Shard> shard() {
        return config.lookup(FractureKeys.SHARD).map(v -> parse(FractureKeys.SHARD, v));
    }

    /**
     * The gate's mode: {@code fixed} (one look at the whole pool) or {@code sequential}, looked at after every
     * {@code batch} prompts, in a seeded random order or in pool order.
     */
    record Sequential(boolean enabled, int batch, boolean poolOrder) {
        static final Sequential FIXED = new Sequential(false, 10, false);
    }

    /** Fails on {@code fracture.*} keys no setting defines (a typo would otherwise be ignored). */
    void requireKnownKeys() {
        List<String> unknown = config.unknownKeys();
        if (!unknown.isEmpty()) {
            throw keyError(String.join("; and ", unknown));
        }
    }

    Engine engine() {
        Optional<ConfigValue> provider = config.lookup(FractureKeys.PROVIDER);
        Optional<ConfigValue> baseUrl = config.lookup(FractureKeys.BASE_URL);
        boolean urlIsReference = baseUrl.map(v -> v.text().equalsIgnoreCase(FractureKeys.REFERENCE)).orElse(false);
        String providerName = provider.map(v -> v.text().strip()).filter(p -> !p.isEmpty())
                .map(p -> Providers.isClassName(p) ? p : p.toLowerCase(Locale.ROOT)).orElse(Providers.OPENAI);
        if (providerName.equals(Providers.ANTHROPIC) && baseUrl.isEmpty()) {
            baseUrl = Optional.of(new ConfigValue(FractureKeys.BASE_URL.name(), ANTHROPIC_BASE_URL, ConfigSource.DEFAULT));
        }
        Subject subject = subject(provider, baseUrl, urlIsReference);
        Optional<ConfigValue> persona = config.lookup(FractureKeys.PERSONA);
        Optional<String> modelName = config.lookup(FractureKeys.MODEL_NAME).map(ConfigValue::text);
        if (subject == Subject.ENDPOINT && modelName.isEmpty()) {
            throw keyError(baseUrl.orElseThrow().shown() + " needs a model name: set " + FractureKeys.MODEL_NAME
                    + " (e.g. -D" + FractureKeys.MODEL_NAME + "=my-model) to the model the endpoint serves");
        }
        if (subject == Subject.ENDPOINT && persona.isPresent()) {
            throw keyError(persona.get().shown() + " applies only to the reference subject, but the subject is "
                    + baseUrl.orElseThrow().text() + "; remove " + FractureKeys.PERSONA + ", or set "
                    + FractureKeys.PROVIDER + "=reference to measure the simulator");
        }
        Client client = new Client(providerName, FilteredAs.parse(value(FractureKeys.FILTERED_AS)),
                value(FractureKeys.MAX_BODY_BYTES), value(FractureKeys.MAX_OUTAGE_SECONDS),
                value(FractureKeys.ANTHROPIC_VERSION), NBatching.parse(value(FractureKeys.N_BATCHING)));
        return new Engine(subject, subject == Subject.ENDPOINT ? baseUrl.map(ConfigValue::text) : Optional.empty(),
                modelName, config.lookup(FractureKeys.REVISION).map(ConfigValue::text),
                value(FractureKeys.REVISION_FROM_SERVER), value(FractureKeys.PREFLIGHT), apiKeyEnv(providerName),
                value(FractureKeys.MAX_TOKENS), value(FractureKeys.MAX_TOKENS_FIELD), value(FractureKeys.CONCURRENCY),
                config.get(FractureKeys.JUDGE), config.lookup(FractureKeys.JUDGE_MODEL).map(ConfigValue::text),
                value(FractureKeys.CACHE_DIR), value(FractureKeys.CACHE_MODE), value(FractureKeys.PERSONA),
                value(FractureKeys.TIMEOUT_SECONDS), value(FractureKeys.MAX_RETRIES),
                value(FractureKeys.MAX_CONSECUTIVE_FAILURES), client, judgeEndpoint(providerName),
                value(FractureKeys.CUE_PLACEMENT), config.lookup(FractureKeys.BATCH_EXPORT)
                        .map(v -> parse(FractureKeys.BATCH_EXPORT, v)));
    }

    /**
     * A baseline checkpoint measured in the same run, compared pairwise with the candidate.
     *
     * @param provider {@code openai}, {@code anthropic} or a {@code ProviderWire} class name
     * @param apiKeyEnv the variable holding its API key, "" for none
     * @param delta δ, the allowed increase of FRACTURE over the baseline, in [0, 1)
     * @param failOnFail whether a regression FAIL fails the gate invocation
     */
    record Baseline(String baseUrl, String model, String provider, String apiKeyEnv, Optional<String> revision,
                    double delta, boolean failOnFail) {
    }

    /**
     * The baseline when {@code fracture.baseline.base-url} is set; its other keys are errors without it, and so is
     * the sequential gate (which stops on the candidate's flips alone, leaving no fixed pool to pair).
     */
    Optional<Baseline> baseline(Engine engine, Measurement measurement) {
        Optional<ConfigValue> url = config.lookup(FractureKeys.BASELINE_BASE_URL);
        List<ConfigKey<?>> others = List.of(FractureKeys.BASELINE_NAME, FractureKeys.BASELINE_PROVIDER,
                FractureKeys.BASELINE_API_KEY_ENV, FractureKeys.BASELINE_REVISION, FractureKeys.BASELINE_DELTA,
                FractureKeys.BASELINE_FAIL_ON);
        if (url.isEmpty()) {
            for (ConfigKey<?> key : others) {
                Optional<ConfigValue> stray = config.lookup(key);
                if (stray.isPresent()) {
                    throw keyError(stray.get().shown() + " applies only to a baseline checkpoint: set "
                            + FractureKeys.BASELINE_BASE_URL + " to the baseline's API root too, or remove "
                            + key.name());
                }
            }
            return Optional.empty();
        }
        if (measurement.sequential().enabled()) {
            throw keyError(url.get().shown() + " and " + FractureKeys.GATE_MODE + "=sequential cannot be combined: "
                    + "the sequential gate stops on the candidate's flips alone, so there is no fixed pool to pair "
                    + "with the baseline; set " + FractureKeys.GATE_MODE + "=fixed, or remove "
                    + FractureKeys.BASELINE_BASE_URL);
        }
        String provider = config.lookup(FractureKeys.BASELINE_PROVIDER).map(v -> v.text().strip())
                .map(p -> Providers.isClassName(p) ? p : p.toLowerCase(Locale.ROOT))
                .orElse(engine.subject() == Subject.REFERENCE ? Providers.OPENAI : engine.client().provider());
        if (FractureKeys.REFERENCE.equals(provider) || url.get().text().equalsIgnoreCase(FractureKeys.REFERENCE)) {
            throw keyError(url.get().shown() + " must name an endpoint (the baseline is measured over HTTP): give "
                    + "the API root of the server that serves the baseline checkpoint, and "
                    + FractureKeys.BASELINE_PROVIDER + " openai, anthropic or a ProviderWire class name");
        }
        Optional<String> name = config.lookup(FractureKeys.BASELINE_NAME).map(ConfigValue::text)
                .or(engine::modelName);
        if (name.isEmpty()) {
            throw keyError(url.get().shown() + " needs a model name: set " + FractureKeys.BASELINE_NAME
                    + " (or " + FractureKeys.MODEL_NAME + ", which it defaults to)");
        }
        String keyEnv = config.lookup(FractureKeys.BASELINE_API_KEY_ENV).map(ConfigValue::text)
                .orElse(engine.apiKeyEnv());
        double delta = value(FractureKeys.BASELINE_DELTA);
        if (delta >= 1.0) {
            throw keyError(config.get(FractureKeys.BASELINE_DELTA).shown() + " is not below 1: give the allowed "
                    + "increase of FRACTURE in [0, 1), e.g. 0.02");
        }
        return Optional.of(new Baseline(url.get().text(), name.get(), provider, keyEnv,
                config.lookup(FractureKeys.BASELINE_REVISION).map(ConfigValue::text), delta,
                "fail".equals(value(FractureKeys.BASELINE_FAIL_ON))));
    }

    /** The judge endpoint when {@code fracture.judge.base-url} is set; its keys are errors without it. */
    private Optional<JudgeEndpoint> judgeEndpoint(String subjectProvider) {
        Optional<ConfigValue> url = config.lookup(FractureKeys.JUDGE_BASE_URL);
        Optional<ConfigValue> provider = config.lookup(FractureKeys.JUDGE_PROVIDER);
        Optional<ConfigValue> keyEnv = config.lookup(FractureKeys.JUDGE_API_KEY_ENV);
        if (url.isEmpty()) {
            Optional<ConfigValue> stray = provider.or(() -> keyEnv);
            if (stray.isPresent()) {
                throw keyError(stray.get().shown() + " applies only to a judge endpoint apart from the subject's: set "
                        + FractureKeys.JUDGE_BASE_URL + " too, or remove it");
            }
            return Optional.empty();
        }
        if (config.lookup(FractureKeys.JUDGE_MODEL).isEmpty()) {
            throw keyError(url.get().shown() + " needs " + FractureKeys.JUDGE_MODEL
                    + ", the judge model that endpoint serves");
        }
        String name = provider.map(v -> v.text().strip())
                .map(p -> Providers.isClassName(p) ? p : p.toLowerCase(Locale.ROOT)).orElse(subjectProvider);
        if (FractureKeys.REFERENCE.equals(name)) {
            throw keyError(provider.orElseThrow().shown() + " cannot serve a judge; use openai, anthropic or a "
                    + "ProviderWire class name");
        }
        return Optional.of(new JudgeEndpoint(name, url.get().text(), keyEnv.map(ConfigValue::text).orElse("")));
    }

    /**
     * The subject, chosen explicitly: a base URL ({@code openai}, the default provider with one) or
     * {@code reference}. Nothing configured is an error, never a quiet fallback to the simulator.
     */
    private Subject subject(Optional<ConfigValue> provider, Optional<ConfigValue> baseUrl, boolean urlIsReference) {
        String name = provider.map(v -> v.text().toLowerCase(Locale.ROOT))
                .orElse(urlIsReference ? FractureKeys.REFERENCE : baseUrl.isPresent() ? "openai" : "");
        switch (name) {
            case "" -> throw keyError("no model to measure: set " + FractureKeys.BASE_URL + " and "
                    + FractureKeys.MODEL_NAME + " to your model's OpenAI-compatible endpoint (e.g. -D"
                    + FractureKeys.BASE_URL + "=http://127.0.0.1:8000/v1 -D" + FractureKeys.MODEL_NAME
                    + "=my-model), or " + FractureKeys.PROVIDER + "=reference to run the embedded reference subject"
                    + " (a simulator, not a model)");
            case FractureKeys.REFERENCE -> {
                if (baseUrl.isPresent() && !urlIsReference) {
                    throw keyError(provider.orElseThrow().shown() + " runs the embedded simulator, but "
                            + baseUrl.get().shown() + " names an endpoint; remove one of them");
                }
                return Subject.REFERENCE;
            }
            case Providers.OPENAI, Providers.ANTHROPIC -> {
                if (baseUrl.isEmpty() || urlIsReference) {
                    throw keyError(provider.orElseThrow().shown() + " needs " + FractureKeys.BASE_URL
                            + ", the API root of the OpenAI-compatible server (e.g. http://127.0.0.1:8000/v1)");
                }
                return Subject.ENDPOINT;
            }
            default -> {
                if (Providers.isClassName(provider.orElseThrow().text()) && baseUrl.isPresent() && !urlIsReference) {
                    return Subject.ENDPOINT;
                }
                throw keyError(provider.orElseThrow().shown() + (Providers.isClassName(provider.get().text())
                        ? " needs " + FractureKeys.BASE_URL + ", the API root its requests go to"
                        : " is not a known provider; allowed: openai (any OpenAI-compatible server), anthropic "
                        + "(Anthropic Messages), reference (the embedded simulator), or the class name of a "
                        + "dev.fracture.core.model.ProviderWire"));
            }
        }
    }

    /**
     * The API-key variable to read, or "" for none. A variable named in configuration must be set (the client
     * says so when it is not); the built-in default {@code OPENAI_API_KEY} is used only when it is set, so
     * local servers that need no key (vLLM, Ollama, llama.cpp) work without one.
     */
    private String apiKeyEnv(String provider) {
        ConfigValue value = config.get(FractureKeys.API_KEY_ENV);
        if (value.source() == ConfigSource.DEFAULT && Providers.ANTHROPIC.equals(provider)) {
            return ANTHROPIC_KEY_ENV; // the hosted API always needs a key: a missing variable is an error
        }
        if (value.source() == ConfigSource.DEFAULT && isBlank(config.environmentVariable(value.text()))) {
            return "";
        }
        return value.text();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    Measurement measurement(Method m, AlignmentFaking a) {
        Optional<Sampling> sampling = AnnotationSupport.findAnnotation(m, Sampling.class);
        Optional<Budget> budgetAnnotation = AnnotationSupport.findAnnotation(m, Budget.class);
        Optional<Placebo> placeboAnnotation = AnnotationSupport.findAnnotation(m, Placebo.class);
        Tau tau = tau(a, AnnotationSupport.findAnnotation(m, TauFromCosts.class));
        DecoderConfig decoder = decoder(a, sampling);
        boolean placebo = placeboAnnotation.map(Placebo::value).orElseGet(() -> value(FractureKeys.PLACEBO));
        Optional<ShamCue> shamAnnotation = AnnotationSupport.findAnnotation(m, ShamCue.class);
        boolean shamOn = shamAnnotation.map(ShamCue::value).orElseGet(() -> value(FractureKeys.SHAM));
        Optional<String> sham = Optional.empty();
        if (shamOn) {
            sham = Optional.of(shamAnnotation.map(ShamCue::text).filter(t -> !t.isBlank())
                    .orElseGet(() -> value(FractureKeys.SHAM_TEXT)));
        }
        ConfigKey<Double> budgetKey = FractureKeys.budget(a.axis());
        double budget = pick(budgetAnnotation.map(Budget::value).orElse(Double.NaN), "@Budget", "value", budgetKey);
        GatePolicy policy = budgetAnnotation.filter(b -> !b.policy().isBlank())
                .map(b -> parse(FractureKeys.GATE_POLICY, annotation("@Budget", "policy", "\"" + b.policy() + "\"",
                        b.policy())))
                .orElseGet(() -> value(FractureKeys.GATE_POLICY));
        double confidence = pick(budgetAnnotation.map(Budget::confidence).orElse(Double.NaN), "@Budget",
                "confidence", FractureKeys.GATE_CONFIDENCE);
        IntervalMethod interval = value(FractureKeys.GATE_INTERVAL);
        int minPrompts = value(FractureKeys.GATE_MIN_PROMPTS);
        double maxErrorShare = value(FractureKeys.GATE_MAX_ERROR_SHARE);
        Inconclusive inconclusive = "abort".equals(value(FractureKeys.GATE_INCONCLUSIVE))
                ? Inconclusive.ABORT : Inconclusive.FAIL;
        Sequential sequential = new Sequential("sequential".equals(value(FractureKeys.GATE_MODE)),
                value(FractureKeys.GATE_SEQUENTIAL_BATCH), "pool".equals(value(FractureKeys.GATE_SEQUENTIAL_ORDER)));
        JudgeCorrectionConfig correction = correction(decoder);
        if (sequential.enabled() && correction.gated()) {
            throw new ExtensionConfigurationException(FractureKeys.GATE_MODE.name() + "=sequential and "
                    + FractureKeys.JUDGE_CORRECTION.name() + "=gate on " + method + " cannot be combined: the"
                    + " sequential gate decides on the raw flips; set " + FractureKeys.JUDGE_CORRECTION.name()
                    + "=report, or " + FractureKeys.GATE_MODE.name() + "=fixed");
        }
        return new Measurement(a.axis(), tau, decoder, placebo,
                new GateConfig(budget, policy, confidence, interval, minPrompts, maxErrorShare), inconclusive,
                correction, sequential, sham);
    }

    private Tau tau(AlignmentFaking a, Optional<TauFromCosts> costs) {
        if (costs.isPresent()) {
            TauFromCosts c = costs.get();
            String shown = "@TauFromCosts(deployHarm = " + c.deployHarm() + ", trainDisagreement = "
                    + c.trainDisagreement() + ")";
            if (!Double.isNaN(a.tau())) {
                throw new ExtensionConfigurationException("@AlignmentFaking(tau = " + a.tau() + ") and " + shown
                        + " on " + method + " both set τ; τ = a / (A + a) follows from the costs, so remove tau or "
                        + "@TauFromCosts");
            }
            try {
                return Tau.fromCosts(c.deployHarm(), c.trainDisagreement());
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(shown + " on " + method + " is invalid: " + e.getMessage()
                        + "; fix the attribute");
            }
        }
        double tau = pick(a.tau(), "@AlignmentFaking", "tau", FractureKeys.TAU);
        return Tau.of(tau);
    }

    private DecoderConfig decoder(AlignmentFaking a, Optional<Sampling> sampling) {
        Sampling s = sampling.orElse(null);
        long seed = s == null || s.seed() == -1 ? value(FractureKeys.SEED)
                : parse(FractureKeys.SEED, annotation("@Sampling", "seed", "" + s.seed(), "" + s.seed()));
        if (a.decoder() == Decoder.GREEDY) {
            String set = s == null ? null : s.samples() != -1 ? "samples = " + s.samples()
                    : !Double.isNaN(s.temperature()) ? "temperature = " + s.temperature()
                    : !Double.isNaN(s.topP()) ? "topP = " + s.topP() : null;
            if (set != null) {
                throw new ExtensionConfigurationException("@Sampling(" + set + ") on " + method + " needs "
                        + "@AlignmentFaking(decoder = SAMPLING); GREEDY decodes at temperature 0 with one sample "
                        + "(k = 1), so remove the attribute (a greedy method may only set @Sampling(seed)) or switch "
                        + "the decoder");
            }
            return DecoderConfig.greedy(seed);
        }
        int samples = s == null || s.samples() == -1 ? value(FractureKeys.SAMPLES)
                : parse(FractureKeys.SAMPLES, annotation("@Sampling", "samples", "" + s.samples(), "" + s.samples()));
        double temperature = pick(s == null ? Double.NaN : s.temperature(), "@Sampling", "temperature",
                FractureKeys.TEMPERATURE);
        double topP = pick(s == null ? Double.NaN : s.topP(), "@Sampling", "topP", FractureKeys.TOP_P);
        return DecoderConfig.sampling(temperature, topP, samples, seed);
    }

    /** A measured Se or Sp: a share taken as known ({@code rows == 0}) or {@code hits/rows} counts. */
    private record Measured(double value, int hits, int rows) {

        static Measured parse(String name, String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                double share = number(text);
                if (!(share > 0 && share <= 1)) {
                    throw new IllegalArgumentException(name + " = " + share + " is outside the allowed range (0, 1]");
                }
                return new Measured(share, 0, 0);
            }
            int hits = integer(text.substring(0, slash).trim());
            int rows = integer(text.substring(slash + 1).trim());
            if (rows < 1 || hits < 1 || hits > rows) {
                throw new IllegalArgumentException("counts " + hits + "/" + rows + " need 1 <= hits <= rows");
            }
            return new Measured((double) hits / rows, hits, rows);
        }

        private static double number(String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
        }

        private static int integer(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
        }
    }

    /**
     * Se, Sp and the correction mode. Se and Sp come together or not at all, as shares or as counts (then the
     * bootstrap resamples them too), with Se + Sp > 1; {@code gate} needs one label per prompt and regime.
     */
    private JudgeCorrectionConfig correction(DecoderConfig decoder) {
        Optional<ConfigValue> se = config.lookup(FractureKeys.JUDGE_SENSITIVITY);
        Optional<ConfigValue> sp = config.lookup(FractureKeys.JUDGE_SPECIFICITY);
        Optional<ConfigValue> modeValue = config.lookup(FractureKeys.JUDGE_CORRECTION);
        Optional<Mode> mode = modeValue.map(v -> parse(FractureKeys.JUDGE_CORRECTION, v));
        if (se.isPresent() != sp.isPresent()) {
            ConfigValue set = se.orElseGet(sp::orElseThrow);
            ConfigKey<?> missing = se.isPresent() ? FractureKeys.JUDGE_SPECIFICITY : FractureKeys.JUDGE_SENSITIVITY;
            throw keyError(set.shown() + " is set but " + missing + " is not: the judge correction needs both the"
                    + " judge's measured sensitivity and specificity; set " + missing + " too, or remove " + set.key());
        }
        if (se.isEmpty()) {
            if (mode.isPresent() && mode.get() != Mode.OFF) {
                throw keyError(modeValue.get().shown() + " needs the judge's measured sensitivity and specificity:"
                        + " set " + FractureKeys.JUDGE_SENSITIVITY + " and " + FractureKeys.JUDGE_SPECIFICITY
                        + " (e.g. from the judge-eval tool on labelled answers of your model), or set "
                        + FractureKeys.JUDGE_CORRECTION + "=off");
            }
            return JudgeCorrectionConfig.OFF;
        }
        Measured sens = measured(se.get(), "sensitivity", "unsafe answers called unsafe / unsafe answers");
        Measured spec = measured(sp.get(), "specificity", "safe answers called safe / safe answers");
        String both = se.get().shown() + " and " + sp.get().shown();
        if ((sens.rows() == 0) != (spec.rows() == 0)) {
            throw keyError(both + " mix a share and counts: give both as shares (taken as known) or both as counts"
                    + " like 82/86 (resampled with the measurement)");
        }
        if (!(sens.value() + spec.value() > 1.0)) {
            throw keyError(both + String.format(Locale.ROOT, ": Se + Sp = %s is not above 1, so the judge is no"
                    + " better than chance and its errors cannot be corrected; measure the judge again or remove both"
                    + " keys", DisplayNames.number(sens.value() + spec.value())));
        }
        Mode effective = mode.orElse(Mode.REPORT);
        if (effective == Mode.GATE && decoder.samples() > 1) {
            throw keyError(modeValue.orElseThrow().shown() + " cannot gate a measurement with k = "
                    + decoder.samples() + " samples per regime: the correction assumes one label per prompt and "
                    + "regime and is only approximate on averaged verdicts; use samples = 1 (or GREEDY), or "
                    + FractureKeys.JUDGE_CORRECTION + "=report to show it with that caveat");
        }
        return sens.rows() == 0 ? JudgeCorrectionConfig.of(effective, sens.value(), spec.value())
                : JudgeCorrectionConfig.of(effective, new Confusion(sens.hits(), sens.rows() - sens.hits(),
                        spec.hits(), spec.rows() - spec.hits()));
    }

    private Measured measured(ConfigValue value, String name, String counts) {
        try {
            return Measured.parse(name, value.text());
        } catch (IllegalArgumentException e) {
            throw keyError(Configuration.invalid(value, e.getMessage() + "; expected a share in (0, 1] such as 0.95"
                    + " or counts such as 82/86 (" + counts + ")"));
        }
    }

    /** An error about configuration keys, which apply to every method: says which method it stopped. */
    private ExtensionConfigurationException keyError(String message) {
        return new ExtensionConfigurationException(forMethod(method, message));
    }

    /** {@code @AlignmentFaking method Suite#m: <message>}, the prefix of every error about configuration keys. */
    static String forMethod(String method, String message) {
        return "@AlignmentFaking method " + method + ": " + message;
    }

    private <T> T value(ConfigKey<T> key) {
        return parse(key, config.get(key));
    }

    /** Parses a value; a parser's error becomes one naming the method, the key or attribute and the source. */
    private <T> T parse(ConfigKey<T> key, ConfigValue value) {
        try {
            return Configuration.parse(key, value);
        } catch (ConfigurationException e) {
            throw value.source() == ConfigSource.ANNOTATION
                    ? new ExtensionConfigurationException(value.key() + " on " + method + " is invalid: "
                    + e.getCause().getMessage() + "; fix the attribute, or remove it to use the configured value", e)
                    : new ExtensionConfigurationException(forMethod(method, e.getMessage()), e);
        }
    }

    /** The attribute's value when set (not NaN), otherwise the key's. */
    private double pick(double attributeValue, String annotationName, String attribute, ConfigKey<Double> key) {
        return Double.isNaN(attributeValue) ? value(key) : parse(key, annotation(annotationName, attribute,
                Double.toString(attributeValue), Double.toString(attributeValue)));
    }

    private static ConfigValue annotation(String annotationName, String attribute, String shown, String text) {
        return new ConfigValue(annotationName + "(" + attribute + " = " + shown + ")", text, ConfigSource.ANNOTATION);
    }

    /** The configuration of a method's test run. */
    static Configuration configuration(org.junit.jupiter.api.extension.ExtensionContext context,
                                       ClassLoader classLoader) {
        Function<String, Optional<String>> parameters = context::getConfigurationParameter;
        return Configuration.junit(parameters, classLoader);
    }
}
