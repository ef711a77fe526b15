package io.toggltasksync.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The calls of one run's apply phase, in the order they are sent. It can grow while it is worked
 * off: a PATCH split for size, or a lookup of lost creates, goes to the front.
 */
public final class WriteQueue {

    private final Deque<WriteCall> calls = new ArrayDeque<>();

    synchronized void add(WriteCall call) {
        calls.addLast(call);
    }

    synchronized void addFirst(WriteCall call) {
        calls.addFirst(call);
    }

    synchronized boolean isEmpty() {
        return calls.isEmpty();
    }

    /** Takes every queued call, in order. */
    synchronized List<WriteCall> drain() {
        List<WriteCall> all = new ArrayList<>(calls);
        calls.clear();
        return all;
    }
}
