package io.toggltasksync.testing;

import org.apache.camel.quarkus.main.CamelMain;

/**
 * Starts Camel, routes included, for tests that call a route directly. With the app's own {@code @QuarkusMain},
 * Camel Quarkus leaves starting Camel to the app, and the app starts it on its first run (SyncService).
 */
public final class CamelStart {

    private CamelStart() {
    }

    public static synchronized void ensureStarted(CamelMain main) {
        if (!main.getCamelContext().isStarted()) {
            try {
                main.startEngine();
            } catch (Exception e) {
                throw new IllegalStateException("Camel could not start: " + e.getMessage(), e);
            }
        }
    }
}
