package io.toggltasksync.sync;

import io.toggltasksync.config.ConfigException;
import io.toggltasksync.source.SourceDeferred;
import io.toggltasksync.source.SourceException;
import io.toggltasksync.source.SourceTransientException;
import io.toggltasksync.toggl.TogglException;
import io.toggltasksync.toggl.TogglQuotaException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Predicate;
import org.apache.camel.util.ObjectHelper;

/**
 * The failures a run, an event or a check expects, written once for every route's {@code doCatch}: {@code exception:
 * java.lang.Exception} with {@code onWhen: ref: stopsARun} or {@code failsARun}. Like an exception list, each looks
 * through the failure's causes. Anything else is a bug: it escapes the route. Predicates by reference, not bean methods:
 * a bean method is called with a copy of the exchange that has no exception.
 */
@Singleton
public class RunFailures {

    /** What stops a run for now: nothing more is written, the rest is deferred to the next run (exit 1). */
    static final List<Class<? extends Exception>> STOPS = List.of(TogglQuotaException.class, SourceDeferred.class);

    /**
     * What fails a run (exit 2): the source unreadable or refusing (after its retries), a setting the input contradicts
     * (a CSV mapping naming a column the file lacks, Toggl projects that cannot be told apart), Toggl refusing or
     * unreachable, an IO error. It holds the stops too (a spent quota is a {@link TogglException}, a deferral a
     * {@link SourceException}): a route that tells them apart catches the stops first.
     */
    static final List<Class<? extends Exception>> FAILS = List.of(SourceException.class, SourceTransientException.class,
            ConfigException.class, TogglException.class, IOException.class);

    @Produces
    @Singleton
    @Named("stopsARun")
    Predicate stopsARun() {
        return exchange -> isOneOf(exchange.getException(), STOPS);
    }

    @Produces
    @Singleton
    @Named("failsARun")
    Predicate failsARun() {
        return exchange -> isOneOf(exchange.getException(), FAILS);
    }

    static boolean isOneOf(Throwable e, List<Class<? extends Exception>> types) {
        if (e == null) {
            return false;
        }
        // the causes walked as doCatch walks them for its exception list
        for (Throwable t : ObjectHelper.createExceptionIterable(e)) {
            if (types.stream().anyMatch(type -> type.isInstance(t))) {
                return true;
            }
        }
        return false;
    }
}
