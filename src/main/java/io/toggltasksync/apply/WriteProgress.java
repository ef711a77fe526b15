package io.toggltasksync.apply;

import java.util.concurrent.atomic.AtomicLong;

/** How far the apply phase is: write calls planned and done, and those deferred because the run stopped. */
public final class WriteProgress {

    private final AtomicLong planned = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong deferredCalls = new AtomicLong();
    private final AtomicLong deferredCreates = new AtomicLong();

    void planned(long calls) {
        planned.addAndGet(calls);
    }

    void countDone() {
        done.incrementAndGet();
    }

    void countDone(int calls) {
        done.addAndGet(calls);
    }

    void deferred(WriteCall call) {
        deferredCalls.incrementAndGet();
        if (call instanceof WriteCall.Create) {
            deferredCreates.incrementAndGet();
        }
    }

    public long planned() {
        return planned.get();
    }

    public long done() {
        return done.get();
    }

    /** Write calls not sent because the run stopped: their records are deferred to the next run. */
    public long deferredCalls() {
        return deferredCalls.get();
    }

    public long deferredCreates() {
        return deferredCreates.get();
    }
}
