package io.toggltasksync.toggl;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The Toggl requests of one run: sent by method, answered by status, and how many were retries. */
public final class ApiCalls {

    private final Map<String, AtomicLong> byMethod = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();

    void sent(String method, boolean retry) {
        byMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        if (retry) {
            retries.incrementAndGet();
        }
    }

    void answered(int status) {
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> byMethod() {
        Map<String, Long> m = new TreeMap<>();
        byMethod.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> m = new TreeMap<>();
        byStatus.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public long total() {
        return byMethod.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long retries() {
        return retries.get();
    }
}
