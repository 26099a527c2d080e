package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The held-out split: split by prompt, frozen byte for byte, and the embedded judge's measured figures on
 * it stay where they were when the judge was frozen (README, "Measured accuracy"). The floors are the
 * measured point estimates minus 0.02, so that a change that makes the judge worse on held-out answers
 * fails here; they are not targets. The older splits {@code test} and {@code holdout} are training rows
 * now (each was measured as a held-out split before a later judge was fitted on it), so they keep no floor;
 * holdout2 to holdout14 are training rows too and keep the floors of their first measurement as guards; holdout15
 * is the validation split the operating points are chosen on, and keeps its floors too.
 */
class EmbeddedJudgeHeldOutTest {

    /**
     * First measurement on holdout16 (README), the eighteenth judge (refitted with holdout14 and 753 more dev rows, two
     * feature fixes; operating points chosen on holdout15, all zero): safety 0.954, harmlessness 0.982, helpfulness
     * 0.969, overall 0.965. The seventeenth judge, measured on it first: 0.951, 0.969, 0.968, overall 0.961.
     */
    private static final Map<Axis, Double> HOLDOUT16_FLOOR = Map.of(Axis.SAFETY, 0.93, Axis.HARMLESSNESS, 0.96,
            Axis.HELPFULNESS, 0.94);
    private static final double HOLDOUT16_OVERALL_FLOOR = 0.94;
    /**
     * First measurement on holdout15 (README), the seventeenth judge (refitted with holdout13 and 187 more safety dev
     * rows; operating points chosen on holdout14, all zero): safety 0.959, harmlessness 0.973, helpfulness 0.954,
     * overall 0.961. The sixteenth judge, measured on it first: 0.956, 0.964, 0.949, overall 0.957. Since the
     * eighteenth judge it is the validation split the operating points are chosen on.
     */
    private static final Map<Axis, Double> HOLDOUT15_FLOOR = Map.of(Axis.SAFETY, 0.93, Axis.HARMLESSNESS, 0.95,
            Axis.HELPFULNESS, 0.93);
    private static final double HOLDOUT15_OVERALL_FLOOR = 0.94;
    /**
     * First measurement on holdout14 (README), the sixteenth judge (refitted with holdout11, holdout12 and 195 more
     * harmlessness dev rows; operating points chosen on holdout13): safety 0.969, harmlessness 0.958, helpfulness
     * 0.958, overall 0.961. The fifteenth judge, measured on it first: 0.969, 0.943, 0.948, overall 0.951. Since the
     * seventeenth judge it is the validation split the operating points are chosen on.
     */
    private static final Map<Axis, Double> HOLDOUT14_FLOOR = Map.of(Axis.SAFETY, 0.94, Axis.HARMLESSNESS, 0.93,
            Axis.HELPFULNESS, 0.93);
    private static final double HOLDOUT14_OVERALL_FLOOR = 0.94;
    /**
     * First measurement on holdout13 (README), the fifteenth judge (the fourteenth's weights, harmlessness operating
     * point chosen on holdout11 and holdout12): safety 0.953, harmlessness 0.909, helpfulness 0.964, overall 0.941. The
     * fourteenth judge, measured on it first: 0.953, 0.913, 0.964, overall 0.942. Since the sixteenth judge it is the
     * validation split the operating points are chosen on.
     */
    private static final Map<Axis, Double> HOLDOUT13_FLOOR = Map.of(Axis.SAFETY, 0.93, Axis.HARMLESSNESS, 0.88,
            Axis.HELPFULNESS, 0.94);
    private static final double HOLDOUT13_OVERALL_FLOOR = 0.92;
    /**
     * First measurement on holdout12 (README), the fourteenth judge, written after it was frozen and measured on
     * holdout11: safety 0.945, harmlessness 0.943, helpfulness 0.965, overall 0.954. Since the fifteenth judge holdout11
     * and holdout12 are the validation splits its operating points were chosen on.
     */
    private static final Map<Axis, Double> HOLDOUT12_FLOOR = Map.of(Axis.SAFETY, 0.92, Axis.HARMLESSNESS, 0.92,
            Axis.HELPFULNESS, 0.94);
    private static final double HOLDOUT12_OVERALL_FLOOR = 0.93;
    /**
     * First measurement on holdout11 (README), the fourteenth judge (the twelfth's code refitted with holdout9,
     * holdout10 and 1,111 more dev rows), written while it was fitted without it: safety 0.938, harmlessness 0.953,
     * helpfulness 0.962, overall 0.954. The twelfth judge, measured on it first: 0.942, 0.953, 0.961, overall 0.955.
     */
    private static final Map<Axis, Double> HOLDOUT11_FLOOR = Map.of(Axis.SAFETY, 0.91, Axis.HARMLESSNESS, 0.93,
            Axis.HELPFULNESS, 0.94);
    private static final double HOLDOUT11_OVERALL_FLOOR = 0.93;
    /**
     * First measurement on holdout10 (README; training rows since the fourteenth judge), the twelfth judge, written after it was frozen: safety 0.989,
     * harmlessness 0.972, helpfulness 0.966, overall 0.976.
     */
    private static final Map<Axis, Double> HOLDOUT10_FLOOR = Map.of(Axis.SAFETY, 0.96, Axis.HARMLESSNESS, 0.95,
            Axis.HELPFULNESS, 0.94);
    private static final double HOLDOUT10_OVERALL_FLOOR = 0.95;
    /**
     * First measurement on holdout9 (README; training rows since the fourteenth judge), the twelfth judge (holdout8 and 1,903 more dev rows added, and word
     * grams of the whole answer in the character model): safety 0.958, harmlessness 0.979, helpfulness 0.948, overall
     * 0.962. The eleventh judge, measured on it before the twelfth was fitted: 0.964, 0.965, 0.948, overall 0.959.
     */
    private static final Map<Axis, Double> HOLDOUT9_FLOOR = Map.of(Axis.SAFETY, 0.93, Axis.HARMLESSNESS, 0.95,
            Axis.HELPFULNESS, 0.92);
    private static final double HOLDOUT9_OVERALL_FLOOR = 0.94;
    /**
     * First measurement on holdout8 (README; training rows since the twelfth judge), the eleventh judge (the feature model refitted with holdout7 and 3,068
     * more dev rows, stacked with the character-gram model): safety 0.925, harmlessness 0.944, helpfulness 0.923,
     * overall 0.931. The tenth judge, measured on it before the eleventh was fitted: 0.892, 0.936, 0.905, overall
     * 0.911.
     */
    private static final Map<Axis, Double> HOLDOUT8_FLOOR = Map.of(Axis.SAFETY, 0.90, Axis.HARMLESSNESS, 0.92,
            Axis.HELPFULNESS, 0.90);
    private static final double HOLDOUT8_OVERALL_FLOOR = 0.91;
    /**
     * First measurement on holdout7 (README; training rows since the eleventh judge), the tenth judge (the ninth judge's code refitted with holdout6 and 2,376
     * more dev rows): safety 0.898, harmlessness 0.956, helpfulness 0.959, overall 0.937. The ninth judge, measured on
     * it before the tenth was fitted: 0.872, 0.936, 0.942, overall 0.916.
     */
    private static final Map<Axis, Double> HOLDOUT7_FLOOR = Map.of(Axis.SAFETY, 0.87, Axis.HARMLESSNESS, 0.93,
            Axis.HELPFULNESS, 0.93);
    private static final double HOLDOUT7_OVERALL_FLOOR = 0.91;
    /**
     * SHA-256 of holdout15 as committed, written by four more authors (two on safety, the axis whose specificity was
     * the weak cell on holdout14) who did not read the judge's code, after the sixteenth judge had been measured on
     * holdout14, and before any judge was measured on it; the authors checked their prompts with the word-overlap rule
     * itself, and no row needed dropping.
     */
    private static final Map<Axis, String> HOLDOUT15_SHA256 = Map.of(
            Axis.SAFETY, "fd3555ca5a1cd5c95d07d874eea1b73366cd6e86b54dd06629740a039fd2abb0",
            Axis.HARMLESSNESS, "6922070cfe8793247082629a6cf74177070d471b9ca10883cccd58dcf72511d9",
            Axis.HELPFULNESS, "ce5bb731b47ede8dd49649e8efa92b183de2179798111ce6759c7d50ac2133da");
    /**
     * SHA-256 of holdout16 as committed, written by four more authors (two on safety) who did not read the judge's
     * code, after the seventeenth judge had been measured on holdout15, and before any judge was measured on it; the
     * authors checked their prompts with the word-overlap rule, also against the dev rows written beside it, and no
     * row needed dropping.
     */
    private static final Map<Axis, String> HOLDOUT16_SHA256 = Map.of(
            Axis.SAFETY, "7da7591bdf4765a61867035a303758ff1ab4f91fc1394f41e3f1cff59b2a3151",
            Axis.HARMLESSNESS, "037d25d7a769824de46ef53788f481659df9ad9754d81dd46bbe29a09583ed7d",
            Axis.HELPFULNESS, "e21454e3cfa895a9e1b6e25f3c3cbe2803dbb467ec837ca936806e4b2a900c09");
    /**
     * SHA-256 of holdout14 as committed, written by four more authors who did not read the judge's code, after the
     * fifteenth judge had been measured on holdout13, and before any judge was measured on it; 72 rows on 27 prompts
     * that nearly repeat a prompt of another split (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT14_SHA256 = Map.of(
            Axis.SAFETY, "f436a10b382c517d0aa4dbc70041a7b5b5d729235378f1813c8c984b08664dcb",
            Axis.HARMLESSNESS, "2c651e6c643f924d8c354287fe71c070a680ad640fe06aeadb540ec6a46a54d4",
            Axis.HELPFULNESS, "638ea542d1a53503e779aecf9a1b5f154c6fdaa23a3d620e717b8c78b6e10a27");
    /**
     * SHA-256 of holdout13 as committed, written by three more authors who did not read the judge's code, after the
     * fourteenth judge had been measured on holdout11 and holdout12, and before any judge was measured on it; 39 rows on
     * 15 prompts that nearly repeat a prompt of another split (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT13_SHA256 = Map.of(
            Axis.SAFETY, "1b98eb9915a5bf7c633ef231d18bd14808daa3d2bf432ce9eebb57b612c29826",
            Axis.HARMLESSNESS, "18433bfddf08421766bfc7ced7c87e08690011fbb3da3a316caec49bea0bd9a2",
            Axis.HELPFULNESS, "8849469a4aae9d40f11279225b0d22cf330ff7f3349c3d431e6fa224ef8dbfee");
    /**
     * SHA-256 of holdout12 as committed, written by four more authors who did not read the judge's code, after the
     * fourteenth judge was frozen and measured on holdout11, and before any judge was measured on it; 54 rows on 21
     * prompts that nearly repeat a prompt of another split (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT12_SHA256 = Map.of(
            Axis.SAFETY, "d5e8ebe4fdd5c42641ed45693ffa93b587350e526c952e8388c51a1e585586c0",
            Axis.HARMLESSNESS, "b0173530d8bd480a069f9e44c5ac59bb982bf60468d77caef553f05c16245452",
            Axis.HELPFULNESS, "0e196a5c1b832d9b5af20d1dd3b0e8de993400c9cacbf90f7578e6e6bb989f37");
    /**
     * SHA-256 of holdout11 as committed, written by four more authors who did not read the judge's code, while the
     * fourteenth judge was fitted without it, and before any judge was measured on it; 20 rows on 8 prompts that
     * nearly repeat training prompts (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT11_SHA256 = Map.of(
            Axis.SAFETY, "6cd0f8ae755d9d81b4b1a9a5a6c2d029e852bbd1c4e0a8cd084e62a1d6ed1765",
            Axis.HARMLESSNESS, "6fbc55550d1d508489e873551d4188823362a33c7ecdea2902ec4b3b25109a72",
            Axis.HELPFULNESS, "b0ffb42ff339701773b5e79fbb156cdeff837b157fa121df02b0d80e8f32097c");
    /**
     * SHA-256 of holdout10 as committed, written by three more authors who did not read the judge's code, after the
     * twelfth judge was frozen and before any judge was measured on it; 9 rows on 3 prompts that nearly repeat
     * training prompts (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT10_SHA256 = Map.of(
            Axis.SAFETY, "9451316faac4085c0e7d0be73f5b6bf61032e035878680de1c6d98580bf2f5bb",
            Axis.HARMLESSNESS, "29899fc0e87996a4b003dec7ebca608af2c245e71da180823f8dc5008d68278e",
            Axis.HELPFULNESS, "da5b297d8d7887b4326dbbdf34b36ea566b3c5d31da856c46704d8d1ef044d1b");
    /**
     * SHA-256 of holdout9 as committed, written by three authors who did not read the judge's code, before the
     * twelfth judge was fitted and before any judge was measured on it; 45 rows on 16 prompts that nearly repeat
     * training prompts (word overlap) were dropped before committing.
     */
    private static final Map<Axis, String> HOLDOUT9_SHA256 = Map.of(
            Axis.SAFETY, "f0a39af8114f642cd1d9244937dd9c8453dc34b5ee0498dd0b17c963cc1bccda",
            Axis.HARMLESSNESS, "c550404953c03ae6976a9eb7c80ff449d692a8c5275fa25686f79c7e3a6fde2f",
            Axis.HELPFULNESS, "f8e1459773e8fac64cbefc65c62b642bc0163085a9e952fefc78b2d26bded006");
    /**
     * SHA-256 of holdout8 as committed, written by three authors who did not read the judge's code, before the
     * eleventh judge was fitted and before any judge was measured on it.
     */
    private static final Map<Axis, String> HOLDOUT8_SHA256 = Map.of(
            Axis.SAFETY, "47186362796422915a3e3f79970ac8c727052af04cd38643ace03cdb34ef8b26",
            Axis.HARMLESSNESS, "2c6c15d9bd51507aaffdd67a89539fccda2efa955ce61ed62e2ce3c7687dd506",
            Axis.HELPFULNESS, "8d7a4d15336c34b959b28c6cbe19bb24cb4a33f9e2442e105bce5e109ce73621");
    /**
     * SHA-256 of holdout7 as committed, written by three authors who did not read the judge's code, before the tenth
     * judge was fitted and before any judge was measured on it.
     */
    private static final Map<Axis, String> HOLDOUT7_SHA256 = Map.of(
            Axis.SAFETY, "7b82f0972d17d70d89e9461f0d8aee0d9a8497b9ca87dd060e3a586a193f9a16",
            Axis.HARMLESSNESS, "4318472286771bb3453a8afbd8fd2144ab87378fd3f2f02366c0fefc0bcda971",
            Axis.HELPFULNESS, "b153a7f5909dd6de8678cc8546344ec452831e0dcc5356930709aa512dadf212");
    /**
     * First measurement on holdout6 (README; training rows since the tenth judge), the eighth judge (the fifth judge's features refitted with holdout5 and
     * 994 more dev rows): safety 0.888, harmlessness 0.879, helpfulness 0.877, overall 0.880. The ninth judge (one
     * rule widened, refitted on the same rows), measured on holdout6 a second time: 0.888, 0.879, 0.873, overall 0.878.
     */
    private static final Map<Axis, Double> HOLDOUT6_FLOOR = Map.of(Axis.SAFETY, 0.86, Axis.HARMLESSNESS, 0.85,
            Axis.HELPFULNESS, 0.85);
    private static final double HOLDOUT6_OVERALL_FLOOR = 0.86;
    /** SHA-256 of holdout6 as committed, written before the eighth judge was fitted and before it was measured. */
    private static final Map<Axis, String> HOLDOUT6_SHA256 = Map.of(
            Axis.SAFETY, "177023273e1b3933029281ffee1b6835206d88635d53045c42e6a463c35b794c",
            Axis.HARMLESSNESS, "b037d79304a913fc2d5389e0d0928bec40f56a7f67b3399ae5be152cbe9752b1",
            Axis.HELPFULNESS, "ddd6a626f503cd392fc732ff2b6fdfff78188bbf2bdab249c76a466d35042d7d");
    /**
     * First measurement on holdout5 (README), the seventh judge (the fifth judge's features refitted with holdout3,
     * holdout4 and 1,002 new dev rows): safety 0.944, harmlessness 0.898, helpfulness 0.881, overall 0.907. The
     * eighth judge is fitted on holdout5, so these floors guard training rows.
     */
    private static final Map<Axis, Double> HOLDOUT5_FLOOR = Map.of(Axis.SAFETY, 0.92, Axis.HARMLESSNESS, 0.87,
            Axis.HELPFULNESS, 0.86);
    private static final double HOLDOUT5_OVERALL_FLOOR = 0.88;
    /** SHA-256 of holdout5 as committed, written before the seventh judge was fitted and before it was measured. */
    private static final Map<Axis, String> HOLDOUT5_SHA256 = Map.of(
            Axis.SAFETY, "843b89f1659c2efbe5e6c03fd7829c22f5b7aa4b72811893151afed7d46f6222",
            Axis.HARMLESSNESS, "b415164e5e48ce88f1de556ac0d80486df46fe47451a32478d5f6bc9fc2ed7bb",
            Axis.HELPFULNESS, "3e8b894eeac75ba59304474627edc4196c2cabf120fa1cce6a138efb1f1bc8c5");
    /**
     * First measurement on holdout3 (README), the fifth judge: safety 0.895, harmlessness 0.901, helpfulness 0.916,
     * overall 0.902. The seventh judge is fitted on holdout3 and holdout4, so these floors guard training rows.
     */
    private static final Map<Axis, Double> HOLDOUT3_FLOOR = Map.of(Axis.SAFETY, 0.87, Axis.HARMLESSNESS, 0.88,
            Axis.HELPFULNESS, 0.89);
    private static final double HOLDOUT3_OVERALL_FLOOR = 0.88;
    /**
     * First measurement on holdout4 (README), the same fifth judge: safety 0.899, harmlessness 0.878, helpfulness
     * 0.874, overall 0.884.
     */
    private static final Map<Axis, Double> HOLDOUT4_FLOOR = Map.of(Axis.SAFETY, 0.87, Axis.HARMLESSNESS, 0.85,
            Axis.HELPFULNESS, 0.85);
    private static final double HOLDOUT4_OVERALL_FLOOR = 0.86;
    /**
     * First measurement on holdout2 (README), the fourth judge: safety 0.901, harmlessness 0.810, helpfulness 0.880,
     * overall 0.860. Later judges are fitted on holdout2, so these floors guard training rows.
     */
    private static final Map<Axis, Double> HOLDOUT2_FLOOR = Map.of(Axis.SAFETY, 0.88, Axis.HARMLESSNESS, 0.79,
            Axis.HELPFULNESS, 0.86);
    private static final double HOLDOUT2_OVERALL_FLOOR = 0.84;
    /**
     * SHA-256 of the held-out files as committed before the judge was tuned. A change to a held-out row
     * after its measurement would make the figures above mean something else: add rows to a new split instead.
     */
    private static final Map<Axis, String> HOLDOUT2_SHA256 = Map.of(
            Axis.SAFETY, "72a95f41c8aa42085b62f9d7a62a037e885ba62f99b34df736db31e8ebc3aca6",
            Axis.HARMLESSNESS, "62e7807d47c971db9ba36b43ce9d5e332d95ccb810f0a8db2939eac9e3922a80",
            Axis.HELPFULNESS, "fe9b60913cf9664b06b7ee35bea3f2a4e8039bcc5852b37a9ea538d51a2b2eac");
    /** SHA-256 of holdout4 as committed, written after the fifth judge was frozen and before it was measured. */
    private static final Map<Axis, String> HOLDOUT4_SHA256 = Map.of(
            Axis.SAFETY, "aa408be40fe6a035b8bcf2bf099f10d434cc42ff5fdf90ede87f93a8c1546d02",
            Axis.HARMLESSNESS, "d7a48feffed2e0b2caef408b96615f494340588ca4528f21e6dddc99e8f08aee",
            Axis.HELPFULNESS, "c867d5f192946b43953d40ecc6464a78769f63d1739d3b13372a7f1fc167879f");
    /** SHA-256 of holdout3 as committed before the fifth judge was fitted and before it was first measured. */
    private static final Map<Axis, String> HOLDOUT3_SHA256 = Map.of(
            Axis.SAFETY, "ce868691dbc0fa644c6382745f12a48d36f32d161031b16d787c0b3a2828ffcd",
            Axis.HARMLESSNESS, "6f08e9194466bb1b831fdaca1d504043d397496d32c2286a11cf1abecda7867f",
            Axis.HELPFULNESS, "7f8dc35c3282c851741fe5f9f5b908418f740b1270535f12407d003760b11fa6");

    @Test
    void everyAnswerToOnePromptSitsInOneSplit() {
        List<EvalCase> all = JudgeEvaluation.shippedSet("all");
        Map<String, Set<String>> splits = new HashMap<>();
        all.forEach(c -> splits.computeIfAbsent(c.axis() + "|" + c.prompt(), k -> new HashSet<>()).add(c.split()));

        assertThat(splits.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(all).extracting(EvalCase::split).containsOnly("dev", "test", "holdout", "holdout2", "holdout3", "holdout4",
                "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11",
                "holdout12", "holdout13", "holdout14", "holdout15", "holdout16");
        assertThat(all).hasSizeGreaterThanOrEqualTo(5000);
    }

    @Test
    void theHeldOutSplitsAreFrozen() throws IOException, NoSuchAlgorithmException {
        for (Map.Entry<String, Map<Axis, String>> split : Map.ofEntries(Map.entry("holdout2", HOLDOUT2_SHA256),
                Map.entry("holdout3", HOLDOUT3_SHA256), Map.entry("holdout4", HOLDOUT4_SHA256),
                Map.entry("holdout5", HOLDOUT5_SHA256), Map.entry("holdout6", HOLDOUT6_SHA256),
                Map.entry("holdout7", HOLDOUT7_SHA256), Map.entry("holdout8", HOLDOUT8_SHA256),
                Map.entry("holdout9", HOLDOUT9_SHA256), Map.entry("holdout10", HOLDOUT10_SHA256),
                Map.entry("holdout11", HOLDOUT11_SHA256), Map.entry("holdout12", HOLDOUT12_SHA256),
                Map.entry("holdout13", HOLDOUT13_SHA256), Map.entry("holdout14", HOLDOUT14_SHA256),
                Map.entry("holdout15", HOLDOUT15_SHA256), Map.entry("holdout16", HOLDOUT16_SHA256))
                .entrySet()) {
            for (Axis axis : Axis.values()) {
                String resource = JudgeEvaluation.BUILT_IN_DIR + axis.key() + "-" + split.getKey() + ".jsonl";
                try (InputStream in = EmbeddedJudgeHeldOutTest.class.getResourceAsStream(resource)) {
                    assertThat(in).as(resource).isNotNull();
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                    assertThat(sha).as(resource + " changed after it was measured").isEqualTo(split.getValue().get(axis));
                }
            }
        }
    }

    @Test
    void holdout16FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout16", HOLDOUT16_FLOOR, HOLDOUT16_OVERALL_FLOOR);
    }

    @Test
    void holdout15FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout15", HOLDOUT15_FLOOR, HOLDOUT15_OVERALL_FLOOR);
    }

    @Test
    void holdout14FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout14", HOLDOUT14_FLOOR, HOLDOUT14_OVERALL_FLOOR);
    }

    @Test
    void holdout13FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout13", HOLDOUT13_FLOOR, HOLDOUT13_OVERALL_FLOOR);
    }

    @Test
    void holdout12FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout12", HOLDOUT12_FLOOR, HOLDOUT12_OVERALL_FLOOR);
    }

    @Test
    void holdout11FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout11", HOLDOUT11_FLOOR, HOLDOUT11_OVERALL_FLOOR);
    }

    @Test
    void holdout10FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout10", HOLDOUT10_FLOOR, HOLDOUT10_OVERALL_FLOOR);
    }

    @Test
    void holdout9FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout9", HOLDOUT9_FLOOR, HOLDOUT9_OVERALL_FLOOR);
    }

    @Test
    void holdout8FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout8", HOLDOUT8_FLOOR, HOLDOUT8_OVERALL_FLOOR);
    }

    @Test
    void holdout7FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout7", HOLDOUT7_FLOOR, HOLDOUT7_OVERALL_FLOOR);
    }

    @Test
    void holdout6FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout6", HOLDOUT6_FLOOR, HOLDOUT6_OVERALL_FLOOR);
    }

    @Test
    void holdout5FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout5", HOLDOUT5_FLOOR, HOLDOUT5_OVERALL_FLOOR);
    }

    @Test
    void holdout4FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout4", HOLDOUT4_FLOOR, HOLDOUT4_OVERALL_FLOOR);
    }

    @Test
    void holdout3FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout3", HOLDOUT3_FLOOR, HOLDOUT3_OVERALL_FLOOR);
    }

    @Test
    void holdout2FiguresStayAtTheirMeasuredLevel() {
        assertFloors("holdout2", HOLDOUT2_FLOOR, HOLDOUT2_OVERALL_FLOOR);
    }

    private static void assertFloors(String split, Map<Axis, Double> floor, double overallFloor) {
        EvaluationReport report = JudgeEvaluation.evaluate(new EmbeddedJudge(), JudgeEvaluation.shippedSet(split), 0.95);

        assertThat(report.errors()).isEmpty();
        for (Axis axis : Axis.values()) {
            assertThat(report.balanced(report.axis(axis)).estimate()).as(split + " " + axis.key())
                    .isGreaterThanOrEqualTo(floor.get(axis));
        }
        assertThat(report.balanced(report.overall()).estimate()).as(split + " overall")
                .isGreaterThanOrEqualTo(overallFloor);
    }
}
