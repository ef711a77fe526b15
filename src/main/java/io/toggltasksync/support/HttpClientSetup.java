package io.toggltasksync.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own retries (it silently repeats a 429, a 503 or a dropped
 * connection): Camel's error handler is the one retry layer, so every call is counted and backed
 * off, and a 402 is never repeated.
 */
@ApplicationScoped
@Named("noRetryHttpClient")
public class HttpClientSetup implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
