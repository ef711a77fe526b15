package io.toggltasksync.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting at a time and checks its form, so that every settings class (the parts of {@link SyncSettings},
 * {@link WorklogSettings}, and the sources' own, e.g. {@code GithubSettings}) says a mistake the same way: one line naming the
 * property and its environment variable.
 */
public record SettingsReader(Function<String, Optional<String>> lookup) {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,15})(ms|s|m|h|d)?");

    public Optional<String> string(String name) {
        return lookup.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(name, "must be true or false, got '" + v.get() + "'");
        };
    }

    public Optional<Long> positiveLong(String name) {
        return wholeNumber(name, 1, "must be a positive whole number");
    }

    public long nonNegativeLong(String name, long fallback) {
        return wholeNumber(name, 0, "must be a whole number >= 0").orElse(fallback);
    }

    private Optional<Long> wholeNumber(String name, long min, String rule) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min) {
                return Optional.of(n);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name, rule + ", got '" + v.get() + "'");
    }

    /** {@code 30s}, {@code 500ms}, {@code 10m}, {@code 1h}, {@code 2d}, a number of seconds, or ISO-8601 ({@code PT30S}). */
    public Duration duration(String name, Duration fallback) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v.get().toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            Duration d = Duration.parse(v.get().toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (ArithmeticException | java.time.format.DateTimeParseException | NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name, "must be a duration such as 30s, 10m or 1h, got '" + v.get() + "'");
    }

    public double decimal(String name, double fallback) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a number, got '" + v.get() + "'");
        }
    }

    /** The value parsed, null when unset; the parser's IllegalArgumentException names what is wrong. */
    public <T> T parsed(String name, Function<String, T> parser) {
        Optional<String> v = string(name);
        try {
            return v.isEmpty() ? null : parser.apply(v.get());
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** The value parsed, {@code fallback} when unset. */
    public <T> T parsed(String name, Function<String, T> parser, T fallback) {
        T value = parsed(name, parser);
        return value == null ? fallback : value;
    }

    public ConfigException missing(String name, String what) {
        return new ConfigException(name + " (" + SyncSettings.envName(name) + ") is required: " + what);
    }

    /**
     * A service's base URL: http(s), and no user or password in it (user:pass@): it is shown in logs, reports and
     * {@code --check}, and kept in the sync state's fingerprint, so a credential there would be a secret in the open.
     */
    public void checkBaseUrl(String name, String url, String credentials) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw invalid(name, "must start with http:// or https://");
        }
        String authority = url.substring(url.indexOf("//") + 2).split("[/?#]", 2)[0];
        if (authority.indexOf('@') >= 0) {
            throw invalid(name, "must not carry a user or password (user:pass@): " + credentials);
        }
    }

    public ConfigException invalid(String name, String why) {
        return new ConfigException(name + " (" + SyncSettings.envName(name) + ") " + why);
    }
}
