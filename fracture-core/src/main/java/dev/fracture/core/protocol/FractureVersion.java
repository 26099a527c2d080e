package dev.fracture.core.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apiguardian.api.API;

/** The version of Fracture on the class path, as built (recorded in every manifest). */
@API(status = EXPERIMENTAL, since = "0.2")
public final class FractureVersion {
    private static final String VERSION = read();

    private FractureVersion() {
    }

    /** E.g. {@code 0.2.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = FractureVersion.class.getResourceAsStream("/dev/fracture/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
