package io.toggltasksync.sandbox;

import io.toggltasksync.sandbox.TogglSandbox.Fault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The injected faults not yet used up, tried in the order injected. Guarded by the sandbox's lock. */
final class Faults {

    private final List<ActiveFault> active = new ArrayList<>();

    void add(Fault fault) {
        active.add(new ActiveFault(fault));
    }

    void clear() {
        active.clear();
    }

    /** Faults injected but not yet (fully) consumed. */
    int pending() {
        return active.size();
    }

    /** The first fault matching the request, with one of its firings used up; null when none matches. */
    Fault take(String method, String path) {
        for (Iterator<ActiveFault> it = active.iterator(); it.hasNext(); ) {
            ActiveFault f = it.next();
            if (f.matches(method, path)) {
                if (--f.left == 0) {
                    it.remove();
                }
                return f.fault;
            }
        }
        return null;
    }

    /** The answer of a {@link Fault.Kind#STATUS} fault, with the quota headers as on every answer. */
    static Reply reply(Fault fault, QuotaWindow quota) {
        Map<String, String> headers = new LinkedHashMap<>();
        quota.addHeaders(headers);
        headers.putAll(fault.headers()); // the fault's own headers win (e.g. quota 0, Content-Type)
        String contentType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type")) ? null : Reply.TEXT;
        byte[] body = fault.body() == null ? null : fault.body().getBytes(StandardCharsets.UTF_8);
        return new Reply(fault.status(), contentType, body, headers);
    }

    private static final class ActiveFault {
        final Fault fault;
        final Pattern path;
        int left;

        ActiveFault(Fault fault) {
            this.fault = fault;
            this.path = Pattern.compile(fault.pathRegex());
            this.left = fault.times();
        }

        boolean matches(String method, String p) {
            return ("*".equals(fault.method()) || fault.method().equalsIgnoreCase(method)) && path.matcher(p).find();
        }
    }
}
