package dev.fracture.junit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Rejects a {@link DecoderSweep} on a test method without {@link AlignmentFaking}, where it would silently do
 * nothing.
 */
final class DecoderSweepPlacement implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod().filter(m -> !AnnotationSupport.isAnnotated(m, AlignmentFaking.class)).ifPresent(m -> {
            throw new ExtensionConfigurationException("@DecoderSweep on " + m.getDeclaringClass().getSimpleName()
                    + "#" + m.getName() + " has no effect without @AlignmentFaking: a sweep reruns an alignment-faking"
                    + " measurement at other decoders; add @AlignmentFaking(axis = ..., decoder = Decoder.SAMPLING)"
                    + " or remove @DecoderSweep");
        });
    }
}
