package dev.fracture.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a fixture class that only runs inside {@link FractureTestKit}, never in the module's own test run. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("fracture-fixture")
@ExtendWith(OnlyInTestKit.class)
@interface FractureFixture {
}
