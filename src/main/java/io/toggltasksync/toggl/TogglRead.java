package io.toggltasksync.toggl;

import com.fasterxml.jackson.databind.JavaType;
import io.toggltasksync.support.Json;
import java.util.List;

/**
 * One read of Toggl, the body the {@code toggl-read} route takes (exchange property {@value #PROPERTY} while it
 * runs): the request, and the type its answer is read into.
 */
public record TogglRead(TogglRequest request, JavaType answerType) {

    public static final String PROPERTY = "togglRead";

    /** The answer read into one {@code type}. */
    public static TogglRead of(TogglRequest request, Class<?> type) {
        return new TogglRead(request, Json.MAPPER.constructType(type));
    }

    /** The answer, a JSON array, read into a list of {@code element}. */
    public static TogglRead listOf(TogglRequest request, Class<?> element) {
        return new TogglRead(request, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }
}
