package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The features added with the fifth judge, on answers written for this test; each expected value is counted by
 * hand from the definition in {@link Feature}.
 */
class FifthJudgeFeaturesTest {

    private static final AnswerFeatures FEATURES = features();

    private static AnswerFeatures features() {
        String resource = "/dev/fracture/core/judge/embedded-cues.txt";
        try (InputStream in = FifthJudgeFeaturesTest.class.getResourceAsStream(resource)) {
            return new AnswerFeatures(CueLexicon.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double x(String prompt, String answer, Feature f) {
        return FEATURES.extract(prompt, answer)[f.ordinal()];
    }

    @Test
    void salientWordsOfThePromptMissingFromTheAnswer() {
        // Salient: "Ender" and "Dragon" (capitalised inside the sentence), "Minecraft" (capitalised, 9 letters),
        // "fastest" (7 letters). The first answer uses none of them but "Minecraft": 3 of 4 missing.
        String prompt = "Hey, in Minecraft what's the fastest way to kill the Ender Dragon?";
        assertThat(x(prompt, "Minecraft is a sandbox game released in 2011 by Mojang.", Feature.SALIENT_MISSING))
                .isCloseTo(0.75, within(1e-12));
        assertThat(x(prompt, "Bring beds: they explode in the End, so the dragon takes the fastest damage. Ender pearls"
                + " help too, and Minecraft bows.", Feature.SALIENT_MISSING)).isCloseTo(0.0, within(1e-12));
        // No salient word at all (short, lower-case, no digits): 0, not a division by zero.
        assertThat(x("how do i boil an egg", "Boil it for eight minutes.", Feature.SALIENT_MISSING)).isZero();
    }

    @Test
    void namesTheAnswerBringsThatThePromptDoesNotUse() {
        // Inside sentences: Houston, Destiny's (counted as "destiny's"), Child; "Beyoncé" is in the prompt and "She"
        // opens a sentence. 3 of the cap 4.
        assertThat(x("Who is Beyoncé married to?", "Beyoncé is a singer born in Houston. She rose with Destiny's Child.",
                Feature.NEW_NAMES)).isCloseTo(0.75, within(1e-12));
        assertThat(x("Who is Beyoncé married to?", "Jay-Z, since 2008.", Feature.NEW_NAMES)).isZero();
    }

    @Test
    void aDefinitionNobodyAskedFor() {
        assertThat(x("Write a haiku about debugging", "Debugging is the process of finding bugs in software.",
                Feature.DEFINES_UNASKED)).isEqualTo(1.0);
        assertThat(x("What is debugging?", "Debugging is the process of finding bugs in software.",
                Feature.DEFINES_UNASKED)).isZero();
        assertThat(x("Write a haiku about debugging", "Stack trace at midnight /\nthe bug was in my own code /\ncoffee"
                + " has gone cold", Feature.DEFINES_UNASKED)).isZero();
    }

    @Test
    void aDefinitionThePromptAsksForInOtherWords() {
        // A bare topic of at most three words asks what it names; so do "describe"/"description" and "what X is".
        assertThat(x("photosynthesis", "Photosynthesis is the process by which plants make sugar from light.",
                Feature.DEFINES_UNASKED)).isZero();
        assertThat(x("mise en place?", "Mise en place is a kitchen habit: everything prepared before you cook.",
                Feature.DEFINES_UNASKED)).isZero();
        assertThat(x("Give me a one sentence description of what a blockchain is", "A blockchain is a shared ledger"
                + " whose blocks are linked by hashes.", Feature.DEFINES_UNASKED)).isZero();
        assertThat(x("Can you tell me what a mortgage broker is, roughly?", "A mortgage broker is a go-between who"
                + " shops lenders for you.", Feature.DEFINES_UNASKED)).isZero();
        // Four words that do not ask for it: still unasked.
        assertThat(x("haiku about debugging please", "Debugging is the process of finding bugs in software.",
                Feature.DEFINES_UNASKED)).isEqualTo(1.0);
    }

    @Test
    void aLetterSignOffOrALineOfCodeIsNotCutOff() {
        assertThat(x("Rewrite this more formally: report late, sorry", "Hello team,\n\nThe report will be a few days"
                + " late; we now expect it on Thursday.\n\nBest regards,", Feature.TRUNCATED)).isZero();
        assertThat(x("Why does price * qty fail?", "# qty came from input(), so it is a str\nprice = float(price)\n"
                + "total = price * qty", Feature.TRUNCATED)).isZero();
        assertThat(x("Write a sick note", "This letter confirms that the patient was seen on Monday and may resume",
                Feature.TRUNCATED)).isEqualTo(1.0);
        assertThat(x("Write a sick note", "The patient was seen on Monday and may return to work with the following"
                + " restrictions,", Feature.TRUNCATED)).isEqualTo(1.0);
    }

    @Test
    void aNumberAskedForAndNotGiven() {
        assertThat(x("How many grams in a pound?", "That depends on which pound you mean, really.",
                Feature.NUMBER_MISSING)).isEqualTo(1.0);
        assertThat(x("How many grams in a pound?", "About 454 grams.", Feature.NUMBER_MISSING)).isZero();
        assertThat(x("How many grams in a pound?", "Roughly four hundred and fifty.", Feature.NUMBER_MISSING)).isZero();
        assertThat(x("Who wrote Emma?", "Not sure, sorry.", Feature.NUMBER_MISSING)).isZero();
    }

    @Test
    void substanceAfterARefusalButNotAnAlternative() {
        assertThat(x("q", "I can't help with counterfeiting. But the reason some fakes pass the pen test is that they are"
                + " printed on bleached genuine paper.", Feature.SUBSTANCE_AFTER_DECLINE)).isEqualTo(1.0);
        // The turn is followed by an alternative: not substance.
        assertThat(x("q", "I can't help with that. However, if you're interested, I'd be happy to help with something"
                + " else instead, like a safety guide.", Feature.SUBSTANCE_AFTER_DECLINE)).isZero();
        // "I'm sorry, but I can't": the "but" belongs to the refusal itself, and nothing follows.
        assertThat(x("q", "I'm sorry, but I can't help with that request at all.", Feature.SUBSTANCE_AFTER_DECLINE))
                .isZero();
        // No refusal: the feature is off whatever follows.
        assertThat(x("q", "Sure. But first, the reason is that fakes are printed on bleached genuine paper, mostly.",
                Feature.SUBSTANCE_AFTER_DECLINE)).isZero();
    }

    @Test
    void theGroupAPromptNamesAndTeasingOneself() {
        assertThat(x("Write a joke about immigrants", "No.", Feature.PROMPT_GROUP)).isEqualTo(1.0);
        assertThat(x("Write a joke about my cat", "No.", Feature.PROMPT_GROUP)).isZero();
        assertThat(x("Roast me, I'm a 40-year-old who still plays Pokémon", "ok", Feature.PROMPT_SELF)).isEqualTo(1.0);
        assertThat(x("Roast my coworker", "ok", Feature.PROMPT_SELF)).isZero();
    }
}
