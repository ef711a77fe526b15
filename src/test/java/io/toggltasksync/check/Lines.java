package io.toggltasksync.check;

/** Finding a line in a checklist, for the check's tests: a missing line fails with the whole checklist shown. */
final class Lines {

    private Lines() {
    }

    static CheckLine line(Checklist checklist, String area, String subject) {
        return checklist.lines().stream().filter(l -> l.area().equals(area) && l.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + area + "/" + subject + " in\n" + ChecklistFormat.text(checklist)));
    }
}
