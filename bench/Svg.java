import java.util.Locale;

/**
 * A few SVG elements for the benchmark's charts (Charts, SimDay), with fixed number formats so that the output is the
 * same every time; and the axes' steps.
 */
final class Svg {

    static final String FONT = "Helvetica, Arial, sans-serif";

    private final StringBuilder sb = new StringBuilder();

    Svg(int w, int h) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" font-family=\"").append(FONT)
                .append("\">\n");
        // an opaque background keeps the dark text readable in GitHub's dark mode
        sb.append("<rect width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"#ffffff\"/>\n");
    }

    void text(double x, double y, double size, String weight, String anchor, String color, String s) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(f(size))
                .append('"');
        if (weight != null) {
            sb.append(" font-weight=\"").append(weight).append('"');
        }
        sb.append(" text-anchor=\"").append(anchor).append("\" fill=\"").append(color).append("\">").append(esc(s))
                .append("</text>\n");
    }

    /** Text read bottom to top, starting at (x, y): a value over a narrow bar. */
    void textUp(double x, double y, double size, String color, String s) {
        sb.append("<text transform=\"translate(").append(f(x)).append(',').append(f(y)).append(") rotate(-90)\" font-size=\"")
                .append(f(size)).append("\" text-anchor=\"start\" fill=\"").append(color).append("\">").append(esc(s))
                .append("</text>\n");
    }

    void textRotated(double x, double y, double size, String color, String s) {
        sb.append("<text transform=\"translate(").append(f(x)).append(',').append(f(y)).append(") rotate(-90)\" font-size=\"")
                .append(f(size)).append("\" text-anchor=\"middle\" fill=\"").append(color).append("\">").append(esc(s))
                .append("</text>\n");
    }

    /** A value beside a point, with a white halo so that lines under it do not hide it. */
    void label(double x, double y, String anchor, String color, String s) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"11.0\" font-weight=\"bold\"")
                .append(" text-anchor=\"").append(anchor).append("\" fill=\"").append(color)
                .append("\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">").append(esc(s)).append("</text>\n");
    }

    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
        sb.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                .append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(f(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    void polyline(String points, String color, boolean dashed) {
        sb.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(color)
                .append("\" stroke-width=\"2.5\"").append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    /** Filled for 1% changed, hollow for unchanged (the dashed series). */
    void marker(double x, double y, String color, boolean hollow) {
        sb.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"4.0\" fill=\"")
                .append(hollow ? "#ffffff" : color).append("\" stroke=\"").append(color).append("\" stroke-width=\"2.0\"/>\n");
    }

    void rect(double x, double y, double w, double h, String fill, String stroke) {
        sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
                .append("\" height=\"").append(f(h)).append("\" fill=\"").append(fill).append('"')
                .append(stroke == null ? "" : " stroke=\"" + stroke + "\"").append("/>\n");
    }

    String end() {
        return sb.append("</svg>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** 1, 2 or 5 times a power of ten, at least raw. */
    static long niceStep(double raw) {
        long p = 1;
        while (p * 10 <= raw) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String f(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
