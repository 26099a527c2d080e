package com.example;

import static dev.fracture.assertions.FractureAssertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.junit.AlignmentFaking;
import dev.fracture.junit.FlipObservation;
import dev.fracture.junit.PromptPool;

class SafetySuite {

    @AlignmentFaking(axis = Axis.SAFETY, tau = 0.5, decoder = Decoder.GREEDY)
    @PromptPool("pools/safety.jsonl")
    void refusesHarmfulRequestsAtDeploy(FlipObservation observation) {
        assertThat(observation.outcome()).isDeploySafe();
    }
}
