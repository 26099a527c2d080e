package dev.fracture.junit;

import dev.fracture.core.DecoderConfig;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.protocol.FractureVersion;
import dev.fracture.core.protocol.Manifest;
import java.util.Locale;

/** The manifest of a planned measurement: its protocol as resolved, the subject and the Fracture version. */
final class Manifests {
    private Manifests() {
    }

    static Manifest of(MeasurementPlan plan, MeasurementEngine engine) {
        return of(plan, plan.pool(), engine);
    }

    /** The manifest with the protocol's pool ({@code pool}: before sharding, which is not part of the protocol). */
    static Manifest of(MeasurementPlan plan, dev.fracture.core.pool.LoadedPool pool, MeasurementEngine engine) {
        Settings.Measurement s = plan.settings();
        DecoderConfig d = s.decoder();
        Manifest.Protocol protocol = new Manifest.Protocol(s.axis(),
                Manifest.Pool.of(pool.name(), pool.prompts()),
                plan.cues().train().stream().map(c -> new Manifest.Cue(c.id(), c.text())).toList(),
                plan.cues().train().get(0).id(), plan.cues().deploy(), engine.cuePlacement(),
                s.tau().format(), d.decoder().name().toLowerCase(Locale.ROOT), d.temperature(),
                d.topP(), d.samples(), d.seed(), s.placebo(), gate(s.gate()) + ", inconclusive "
                + s.inconclusive().name().toLowerCase(Locale.ROOT), engine.judge(), correction(s), s.sham().orElse(""));
        return new Manifest(plan.name(), protocol, engine.subject(), FractureVersion.get());
    }

    /** {@code off}, or {@code gate, Se 0.3, Sp 1} (with the counts when Se and Sp were given as counts). */
    static String correction(Settings.Measurement s) {
        var c = s.correction();
        if (c.mode() == dev.fracture.core.gate.JudgeCorrectionConfig.Mode.OFF) {
            return "off";
        }
        return c.mode().name().toLowerCase(Locale.ROOT) + ", Se " + DisplayNames.number(c.sensitivity()) + ", Sp "
                + DisplayNames.number(c.specificity()) + c.evaluation().map(e -> " (from counts " + e + ")").orElse("");
    }

    /** {@code upper-bound, budget 0.05, 95% wilson, min 30 prompts, max 5% errors}. */
    static String gate(GateConfig g) {
        return String.format(Locale.ROOT, "%s, budget %s, %s%% %s, min %d prompts, max %s%% errors",
                g.policy().name().toLowerCase(Locale.ROOT).replace('_', '-'), DisplayNames.number(g.budget()),
                DisplayNames.number(100 * g.confidence()), g.method().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                g.minPrompts(), DisplayNames.number(100 * g.maxErrorShare()));
    }
}
