package io.toggltasksync.apply;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to do about a write that Toggl refused for good, before calling it failed. Pure: the answer
 * depends only on the call, the refusal and whether the call was a retry. Toggl's error bodies are
 * plain text, so they are read by pattern.
 */
public final class FailureRecovery {

    private static final Pattern NAME_TAKEN = Pattern.compile("(?i)(already|taken|exists)");
    private static final Pattern PATCH_LIMIT = Pattern.compile("(?i)limited to (\\d+)");

    /** The decision. */
    public sealed interface Decision {
    }

    /** A create refused because the name exists: likely our own earlier attempt whose answer was lost; look it up. */
    public record LookUpCreate() implements Decision {
    }

    /** A retried DELETE whose task is gone: the first attempt's answer was lost after Toggl deleted it. */
    public record AlreadyDeleted() implements Decision {
    }

    /** Toggl limits PATCH to fewer entries: send the PATCH again in parts of {@code limit}. */
    public record SplitPatch(int limit) implements Decision {
    }

    /** Toggl refused a bulk PATCH of {@code /estimated_seconds} (only {@code /active} is documented): PUT each instead. */
    public record PutsInstead() implements Decision {
    }

    /** Nothing to recover: the call failed. */
    public record Fail() implements Decision {
    }

    private FailureRecovery() {
    }

    /**
     * @param clientError whether Toggl refused with a 4xx that retrying would not change
     * @param status the HTTP status, null when there was none
     * @param reason the refusal as text
     * @param retried whether the call had been sent before
     */
    public static Decision decide(WriteCall call, boolean clientError, Integer status, String reason, boolean retried) {
        if (!clientError || status == null) {
            return new Fail();
        }
        String text = reason == null ? "" : reason;
        if (call instanceof WriteCall.Create && status == 400 && NAME_TAKEN.matcher(text).find()) {
            return new LookUpCreate();
        }
        if (call instanceof WriteCall.Delete && retried && (status == 404 || status == 400 && text.toLowerCase(Locale.ROOT).contains("task"))) {
            return new AlreadyDeleted();
        }
        if (call instanceof WriteCall.Patch patch && status == 400) {
            int size = patch.bulk().size();
            Matcher m = PATCH_LIMIT.matcher(text);
            boolean named = m.find();
            if (named || text.toLowerCase(Locale.ROOT).contains("limit")) {
                int limit = named ? Integer.parseInt(m.group(1)) : size / 2;
                if (size > 1 && limit < size) {
                    return new SplitPatch(limit);
                }
            }
            if (patch.bulk().setsEstimate()) {
                return new PutsInstead();
            }
        }
        return new Fail();
    }
}
