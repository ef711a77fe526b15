package io.toggltasksync.sync;

import io.toggltasksync.support.ControlChars;
import io.toggltasksync.account.DeadLetterFile;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.model.SourceEvent;
import io.toggltasksync.source.TaskSource;
import io.toggltasksync.source.SourceRegistry;
import io.toggltasksync.state.StateCache;
import io.toggltasksync.state.StateLock;
import io.toggltasksync.support.Secrets;
import io.toggltasksync.config.RunSettings;
import io.toggltasksync.config.SyncSettings;
import io.toggltasksync.config.WorklogSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

/** Runs one sync through the {@code sync-run} route, with a progress line every few seconds. */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    @Inject
    RunReport report;

    @Inject
    CamelEngine engine;

    @Inject
    SyncMetrics metrics;

    @Inject
    MetricsPush push;

    @Inject
    SourceRegistry sources;

    /** The run in progress, so that a shutdown can stop it cleanly. */
    private final AtomicReference<SyncRun> current = new AtomicReference<>();
    private final ReentrantLock running = new ReentrantLock();
    /** The sync state as the last event read it, for the next (used under {@link #running} and the state's lock). */
    private final StateCache stateCache = new StateCache();
    /** When SIGTERM came; null until then. */
    private volatile java.time.Instant shutdownBegan;
    /** What readiness shows of the last run: not the run itself, which holds its desired set, snapshot, plan and state. */
    private volatile LastRun last;

    /**
     * The last run as readiness shows it.
     *
     * @param started when it began
     * @param exitCode what it exited with
     */
    public record LastRun(java.time.Instant started, int exitCode) {
    }

    /** Runs one sync without worklogs; never two at once (a scheduled run waits for the one in progress). */
    public SyncRun runOnce(SyncSettings settings) {
        return runOnce(settings, null);
    }

    /**
     * Runs one sync; never two at once (a scheduled run waits for the one in progress). With {@code worklogs}
     * switched on ({@code worklog.sync}), a run whose source keeps worklogs syncs them after its tasks.
     */
    public SyncRun runOnce(SyncSettings settings, WorklogSettings worklogs) {
        shutdownWait = settings.run().shutdownWait();
        running.lock();
        try {
            SyncRun run = lockedRun(settings, worklogs);
            run.finished(java.time.Instant.now());
            last = new LastRun(run.started(), run.exitCode());
            metrics.record(run);
            if (!settings.longRunning()) {
                // under the run lock: a shutdown waits for the push as it waits for the run
                push.afterRun(run, pushTimeout());
            }
            return run;
        } finally {
            running.unlock();
        }
    }

    /**
     * A push's time limit: {@link MetricsPush#TIMEOUT}, or what a shutdown's wait has left less a
     * second if that is less: the shutdown stops waiting when its wait is up, so a push that ran to
     * the end of it would never log that it failed.
     */
    private Duration pushTimeout() {
        java.time.Instant began = shutdownBegan;
        if (began == null) {
            return MetricsPush.TIMEOUT;
        }
        Duration left = shutdownWait.minus(Duration.between(began, java.time.Instant.now())).minusSeconds(1);
        return left.compareTo(MetricsPush.TIMEOUT) < 0 ? left : MetricsPush.TIMEOUT;
    }

    /**
     * A scheduled tick: a sync, unless shutdown has begun. Checked under the run lock, since a tick
     * can start (or wait for the lock) while the run that SIGTERM stopped is finishing: a run after
     * that would find Camel stopping, abort, and overwrite the stopped run's report and dead letter
     * file with an empty one.
     */
    public void runScheduled(SyncSettings settings) {
        runScheduled(settings, null);
    }

    /** {@link #runScheduled(SyncSettings)} with the worklog sync's settings, as {@link #runOnce(SyncSettings, WorklogSettings)}. */
    public void runScheduled(SyncSettings settings, WorklogSettings worklogs) {
        running.lock();
        try {
            if (shuttingDown()) {
                LOG.info("Shutting down: no new scheduled run");
                return;
            }
            runOnce(settings, worklogs);
        } finally {
            running.unlock();
        }
    }

    /**
     * Applies one source event for its record alone (through the source's {@code direct:<name>-event}), never while a run or another event writes (the
     * same lock as runs). Once shutdown has begun, it is left to the next run.
     */
    public EventResult applyEvent(SyncSettings settings, SourceEvent event) {
        running.lock();
        RunStatePersistence.Hold hold = null;
        try {
            if (shuttingDown()) {
                if (event.deleted()) {
                    RunStatePersistence.deletionLeftUndone(settings, stateCache, java.time.Instant.now().getEpochSecond());
                }
                return new EventResult(event, EventOutcome.DEFERRED, "shutting down: the next run mirrors the issue", null);
            }
            // never keep the events behind this one waiting for another process: an event is the next run's anyway
            hold = RunStatePersistence.lock(settings, Duration.ZERO);
            if (hold.refused()) {
                return new EventResult(event, EventOutcome.DEFERRED, "the sync state is in use by another process ("
                        + StateLock.lockFile(settings.state().stateFile()) + "): the next run mirrors the issue", null);
            }
            engine.ensureStarted();
            try (DeadLetterFile deadLetters = new DeadLetterFile(settings.run().deadLetterFile(), settings.secrets(), true)) {
                SyncRun run = new SyncRun(settings, new Ledger(deadLetters), event);
                TaskSource source = sources.named(event.source());
                run.source(source);
                RunStatePersistence.beginEvent(run, stateCache);
                current.set(run);
                try {
                    Exception e = send(source.eventRoute(), run);
                    if (e != null) {
                        String message = Secrets.mask(unexpected(e), settings.secrets());
                        LOG.error("Unexpected failure applying a " + source.title() + " event: " + ControlChars.escape(message));
                        run.eventResult(new EventResult(event, EventOutcome.FAILED, "unexpected failure: " + message, null));
                    }
                } finally {
                    current.set(null);
                }
                metrics.recordEvent(run);
                return run.eventResult();
            }
        } finally {
            if (hold != null) {
                hold.close();
            }
            running.unlock();
        }
    }

    public LastRun lastRun() {
        return last;
    }

    /**
     * SIGTERM: the run in progress stops calling Toggl after the call in flight, defers the rest,
     * writes its report and dead letters, and a one-off run pushes its metrics; shutdown waits for
     * that (bounded).
     */
    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        shutdownBegan = java.time.Instant.now();
        SyncRun run = current.get();
        if (run != null) {
            LOG.warn("Shutting down: finishing the call in flight, the rest of this run is deferred");
            run.stop().stop("shutting down");
        }
        // Also a run that holds the lock but has not published itself yet: it sees shuttingDown().
        if (running.isLocked()) {
            try {
                if (running.tryLock(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean shuttingDown() {
        return shutdownBegan != null;
    }

    /** How long a shutdown waits for the run in progress ({@code sync.shutdown-wait} of the latest run's settings). */
    volatile Duration shutdownWait = RunSettings.DEFAULT_SHUTDOWN_WAIT;

    /**
     * A run under the sync state's lock, from reading the state to writing it, when it may write the
     * state; refused (exit 2) when another process holds the lock for all of {@code sync.state-lock-wait}.
     * A refused run leaves the report and the dead letter file alone: they are the other run's.
     */
    private SyncRun lockedRun(SyncSettings settings, WorklogSettings worklogs) {
        try (RunStatePersistence.Hold hold = RunStatePersistence.lock(settings, settings.state().stateLockWait())) {
            if (!hold.refused()) {
                return doRun(settings, worklogs);
            }
        }
        String reason = RunStatePersistence.lockedOut(settings, settings.state().stateLockWait());
        LOG.error("Not run: " + reason);
        SyncRun run = new SyncRun(settings, new Ledger(entry -> { }));
        run.abort(reason);
        return run;
    }

    private SyncRun doRun(SyncSettings settings, WorklogSettings worklogs) {
        engine.ensureStarted();
        try (DeadLetterFile deadLetters = new DeadLetterFile(settings.run().deadLetterFile(), settings.secrets())) {
            SyncRun run = new SyncRun(settings, new Ledger(deadLetters), null, worklogs);
            // the state as this process last had it (the file read whole only when another writer changed it);
            // then the run holds its own copy: one in the heap at a time
            io.toggltasksync.state.StateFile.Read read = stateCache.current(settings.state().stateFile(), settings.stateFingerprint());
            stateCache.forget();
            RunStatePersistence.begin(run, sources.named(settings.source()), read, java.time.Instant.now().getEpochSecond());
            current.set(run);
            if (shuttingDown()) {
                run.stop().stop("shutting down");
            }
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sync-progress");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, settings.run().progressInterval().toMillis());
            progress.scheduleAtFixedRate(() -> logProgress(run), every, every, TimeUnit.MILLISECONDS);
            try {
                Exception e = send("direct:sync", run);
                if (e != null) {
                    // Not one of the expected failures (those are handled in the route): still end cleanly.
                    String reason = Secrets.mask(unexpected(e), settings.secrets());
                    LOG.error("Unexpected failure: " + ControlChars.escape(reason));
                    run.abort("unexpected failure: " + reason);
                    run.deferUnaccounted(run.abortReason());
                    report.write(run);
                }
            } finally {
                progress.shutdownNow();
                current.set(null);
            }
            // the next event starts from what this run wrote, not from a read of it
            stateCache.keep(settings.state().stateFile(), settings.stateFingerprint(), run.stateSaved());
            return run;
        }
    }

    /**
     * Sends the run through a route, its parts as exchange properties; answers what the route did not
     * handle, or null. An {@link Error} (out of memory, stack overflow) thrown where Camel does not
     * catch it (a split's iterator) unwinds straight out of the send: it is answered like any failure
     * the route left, wrapped, once the exchange is released (see {@link #release}).
     */
    private Exception send(String uri, SyncRun run) {
        Exchange exchange = new DefaultExchange(camel);
        run.exchangeProperties().forEach(exchange::setProperty);
        try {
            template.send(uri, exchange);
        } catch (Error e) {
            release(exchange);
            return new RunDiedException(e);
        }
        return exchange.getException();
    }

    /**
     * Takes an exchange an Error unwound out of every route it had entered: Camel never saw it end,
     * so it would stay in flight for good and a shutdown would wait its whole timeout (45 s) for it.
     */
    private void release(Exchange exchange) {
        InflightRepository inflight = camel.getInflightRepository();
        UnitOfWork work = exchange.getUnitOfWork();
        while (work != null && work.routeStackLevel() > 0) {
            Route route = work.popRoute();
            inflight.remove(exchange, route.getRouteId());
        }
        inflight.remove(exchange);
    }

    /**
     * What a failure no route handled says: the {@link Error} behind it when there is one (Camel wraps
     * an Error a processor throws), else the exception and its message.
     */
    static String unexpected(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Error error) {
                return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
            }
        }
        return String.valueOf(e);
    }

    /** An {@link Error} that ended a run, as the exception the run's failure paths expect. */
    static final class RunDiedException extends RuntimeException {
        RunDiedException(Error cause) {
            super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause, false, false);
        }
    }

    private static void logProgress(SyncRun run) {
        String phase = run.batch() == null ? "reading the source" : run.plan() == null ? "reading Toggl tasks" : "writing";
        Long remaining = run.toggl().quota().remaining();
        String quota = remaining == null ? "" : ", quota remaining " + remaining;
        long calls = run.toggl().calls().total();
        if (run.plan() == null) {
            LOG.infof("Progress: %s, %d API call(s) so far%s", phase, calls, quota);
        } else {
            var progress = run.writes().progress();
            LOG.infof("Progress: %d/%d write call(s) done, %d API call(s) in all%s", progress.done(), progress.planned(), calls, quota);
        }
    }
}
