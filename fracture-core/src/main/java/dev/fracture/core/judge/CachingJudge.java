package dev.fracture.core.judge;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Caches another judge's verdicts by (fingerprint id, axis, prompt, answer); a hit costs no judge call.
 *
 * <p>Sound because judges are frozen: the fingerprint changes whenever anything that could change a
 * verdict changes. Failures ({@link JudgeException}) are not cached, so a transient error is retried.
 * Two threads missing on the same key at once may both call the judge; both get equal verdicts.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class CachingJudge implements Judge {

    private final Judge delegate;
    private final VerdictStore store;
    private final JudgeFingerprint fingerprint;
    /** The fingerprint's id, computed once: it is part of every key. */
    private final String id;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public CachingJudge(Judge delegate, VerdictStore store) {
        if (delegate == null || store == null) {
            throw new IllegalArgumentException("caching judge needs a judge and a verdict store");
        }
        this.delegate = delegate;
        this.store = store;
        this.fingerprint = delegate.fingerprint();
        this.id = fingerprint.id();
    }

    /** Caches in a bounded in-memory store of {@link InMemoryVerdictStore#DEFAULT_CAPACITY} verdicts. */
    public CachingJudge(Judge delegate) {
        this(delegate, new InMemoryVerdictStore(InMemoryVerdictStore.DEFAULT_CAPACITY));
    }

    @Override
    public Verdict judge(JudgeInput input) {
        VerdictKey key = VerdictKey.of(id, input);
        Optional<Verdict> cached = store.get(key);
        if (cached.isPresent() && cached.get().judge().id().equals(id)) {
            hits.incrementAndGet();
            return cached.get();
        }
        misses.incrementAndGet();
        Verdict verdict = delegate.judge(input);
        store.put(key, verdict);
        return verdict;
    }

    /** The wrapped judge's fingerprint: caching does not change what is measured. */
    @Override
    public JudgeFingerprint fingerprint() {
        return fingerprint;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
