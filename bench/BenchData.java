import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's data: the generic CSV records, deterministic, their 1% changes, and the write calls a change needs at the lower bound. */
final class BenchData {

    private BenchData() {
    }

    static final String[] WORDS = {"Write", "Review", "Fix", "Plan", "Test", "Ship", "Design", "Measure",
            "parser", "report", "login page", "export", "billing", "search", "dashboard", "invoice"};

    /** Deterministic: record i is the same for every run and every N. About 10% are done. */
    static List<Bench.Rec> generate(int n) {
        List<Bench.Rec> recs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "%s %s #%06d", WORDS[i % 8], WORDS[8 + (i / 8) % 8], i);
            recs.add(new Bench.Rec(String.format(Locale.ROOT, "R%06d", i), name, 1800L * (1 + i % 16), i % 10 != 3));
        }
        return recs;
    }

    /**
     * 1% of the records (every 100th, starting at 50; all active in v1) change: of every four, one
     * is renamed, one re-estimated, two are finished (active=false).
     */
    static List<Bench.Rec> change(List<Bench.Rec> v1, int start) {
        List<Bench.Rec> v2 = new ArrayList<>(v1);
        for (int i = start, k = 0; i < v1.size(); i += 100, k++) {
            Bench.Rec r = v1.get(i);
            v2.set(i, switch (k % 4) {
                case 0 -> new Bench.Rec(r.extId(), r.name() + " (renamed)", r.estimate(), r.active());
                // re-estimates: every other one to a value of its own, the rest to one shared value
                case 1 -> new Bench.Rec(r.extId(), r.name(), (k / 4) % 2 == 0 ? r.estimate() + i : 99_900, r.active());
                default -> new Bench.Rec(r.extId(), r.name(), r.estimate(), false);
            });
        }
        return v2;
    }

    /**
     * The write calls from a to b at the lower bound: a PUT per rename or lone re-estimate, a PATCH
     * per 100 re-estimates to one value (and the same active change), a PATCH per 100 flips.
     */
    static int writeCalls(List<Bench.Rec> a, List<Bench.Rec> b) {
        int calls = 0;
        int flips = 0;
        Map<String, Integer> sameEstimate = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            Bench.Rec x = a.get(i);
            Bench.Rec y = b.get(i);
            if (!x.name().equals(y.name())) {
                calls++;
            } else if (x.estimate() != y.estimate()) {
                sameEstimate.merge(y.estimate() + "/" + (x.active() == y.active() ? "-" : y.active()), 1, Integer::sum);
            } else if (x.active() != y.active()) {
                flips++;
            }
        }
        for (int group : sameEstimate.values()) {
            calls += group == 1 ? 1 : (int) Bench.ceilDiv(group, Bench.PATCH_BATCH);   // a lone re-estimate is a PUT
        }
        return (int) (calls + Bench.ceilDiv(flips, Bench.PATCH_BATCH));
    }

    /** How many records differ between a and b (the tasks a run from a to b writes). */
    static int changed(List<Bench.Rec> a, List<Bench.Rec> b) {
        int k = 0;
        for (int i = 0; i < a.size(); i++) {
            k += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
        return k;
    }

    /** The overlap an incremental run reads again (the app's two minutes), and a margin. */
    static void waitOutTheOverlap() throws InterruptedException {
        System.err.println("bench: waiting 125 s, the incremental runs' overlap");
        Thread.sleep(125_000);
    }

    static Path writeCsv(Path file, List<Bench.Rec> recs) throws IOException {
        StringBuilder sb = new StringBuilder(recs.size() * 48);
        sb.append("external_id,name,project_id,estimated_seconds,active\n");
        for (Bench.Rec r : recs) {
            sb.append(r.extId()).append(',').append(r.name()).append(",,").append(r.estimate()).append(',')
                    .append(r.active()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

}
