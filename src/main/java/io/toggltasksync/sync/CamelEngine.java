package io.toggltasksync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.quarkus.main.CamelMain;

/**
 * Starts Camel, routes included, before the first run. With the app's own {@code @QuarkusMain},
 * Camel Quarkus leaves that to the application; Quarkus stops it at shutdown. Tests that call a
 * route directly start it the same way.
 */
@ApplicationScoped
public class CamelEngine {

    @Inject
    CamelMain camelMain;

    public synchronized void ensureStarted() {
        if (!camelMain.getCamelContext().isStarted()) {
            try {
                camelMain.startEngine();
            } catch (Exception e) {
                throw new IllegalStateException("Camel could not start: " + e.getMessage(), e);
            }
        }
    }
}
