package dev.fracture.junit;

import dev.fracture.core.pool.PromptSource;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Supplies the prompts of an {@link AlignmentFaking} method from code. The class needs a no-argument
 * constructor (it may be a static nested class). May be combined with {@link PromptPool}; ids must then
 * be unique across both.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@API(status = API.Status.STABLE, since = "0.1")
public @interface PromptSourceClass {

    Class<? extends PromptSource> value();
}
