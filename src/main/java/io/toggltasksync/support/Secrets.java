package io.toggltasksync.support;

import java.util.Collection;

/** Last line of defence: blanks out secret values in any text we log or write. */
public final class Secrets {
    private Secrets() {
    }

    public static String mask(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, "****");
            }
        }
        return masked;
    }
}
