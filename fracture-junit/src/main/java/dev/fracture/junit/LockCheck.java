package dev.fracture.junit;

import dev.fracture.core.config.ConfigValue;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.ConfigurationException;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.protocol.Manifest;
import dev.fracture.core.protocol.ProtocolLock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A measurement compared with the protocol lock ({@code fracture.lock}): what differs, and how many runs have used
 * the lock for this measurement (this one included), so re-rolling a locked gate until it passes is visible.
 *
 * @param lockId the lock's short content hash
 * @param differences one line per difference; empty when the run follows the lock
 * @param attempt the number of runs at this lock for this measurement, counted next to the response cache
 */
record LockCheck(Path file, String lockId, List<String> differences, int attempt) {

    boolean matches() {
        return differences.isEmpty();
    }

    /** {@code lock 3fa2…c1 (fracture.lock), attempt 2}. */
    String describe() {
        return "protocol lock " + lockId + " (" + file + "), attempt " + attempt;
    }

    /** The check, when a lock is configured; a missing or unreadable lock is a configuration error. */
    static Optional<LockCheck> of(Configuration config, Path attemptsDir, Manifest manifest, String method) {
        Optional<ConfigValue> value = config.lookup(FractureKeys.LOCK);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = Configuration.parse(FractureKeys.LOCK, value.get());
            ProtocolLock lock = ProtocolLock.read(file);
            int attempt = lock.countAttempt(attemptsDir, manifest.measurement());
            return Optional.of(new LockCheck(file, lock.shortId(), lock.differences(manifest), attempt));
        } catch (IllegalArgumentException | ConfigurationException | java.io.UncheckedIOException e) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, value.get().shown() + ": "
                    + e.getMessage()), e);
        }
    }
}
