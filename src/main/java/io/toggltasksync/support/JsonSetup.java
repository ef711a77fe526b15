package io.toggltasksync.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Gives camel-jackson's data format (the routes' {@code json} marshal and unmarshal) the app's one {@link Json#MAPPER}. */
@ApplicationScoped
public class JsonSetup {

    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return Json.MAPPER;
    }
}
