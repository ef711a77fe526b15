package io.toggltasksync.check;

/**
 * One line of the checklist.
 *
 * @param area    what was checked: {@code Toggl}, {@code Jira}, {@code CSV}, {@code Plan cost}, {@code Sync state}
 * @param subject the item within it, e.g. {@code token} or {@code project 1001}
 * @param detail  what was found (never a secret: {@link CheckRun} masks every line it is given)
 * @param fix     what to do about a warning or a failure; null when passed
 */
public record CheckLine(String area, String subject, CheckStatus status, String detail, String fix) {

    public static CheckLine passed(String area, String subject, String detail) {
        return new CheckLine(area, subject, CheckStatus.PASSED, detail, null);
    }

    public static CheckLine warning(String area, String subject, String detail, String fix) {
        return new CheckLine(area, subject, CheckStatus.WARNING, detail, fix);
    }

    public static CheckLine failed(String area, String subject, String detail, String fix) {
        return new CheckLine(area, subject, CheckStatus.FAILED, detail, fix);
    }
}
