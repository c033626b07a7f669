package dev.tide.sandbox;

import java.util.List;
import java.util.Locale;

/**
 * The timeline as an SVG line chart: lag on the left axis (blue), a count that changes in steps on the right
 * (orange: replicas, or running Jobs), seconds along the bottom.
 */
final class Chart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private Chart() {
    }

    /**
     * One row of the timeline, as plotted.
     *
     * @param lag the lag, or -1 when Kafka did not answer (plotted as 0)
     * @param count the stepped series: replicas, or running Jobs
     */
    record Point(double seconds, long lag, int count) {
    }

    /** @param title what the chart shows, after "Tide sandbox: " */
    static String svg(String title, List<Point> points) {
        double maxSeconds = Math.max(1, points.stream().mapToDouble(Point::seconds).max().orElse(1));
        long maxLag = Math.max(1, points.stream().mapToLong(Point::lag).max().orElse(1));
        int maxReplicas = Math.max(1, points.stream().mapToInt(Point::count).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder lag = new StringBuilder();
        StringBuilder replicas = new StringBuilder();
        Double previousY = null;
        for (Point p : points) {
            double x = LEFT + p.seconds() / maxSeconds * plotWidth;
            lag.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, TOP + plotHeight - Math.max(0, p.lag()) * plotHeight / maxLag));
            double y = TOP + plotHeight - p.count() * plotHeight / maxReplicas;
            if (previousY != null) {
                // The count changes in steps.
                replicas.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
            }
            replicas.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            previousY = y;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\">Tide sandbox: %s</text>%n", LEFT, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotHeight - i * plotHeight / 5;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1f77b4\">%d</text>%n",
                    LEFT - 6, y + 4, Math.round(maxLag * i / 5.0)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#ff7f0e\">%.1f</text>%n",
                    WIDTH - RIGHT + 6, y + 4, maxReplicas * i / 5.0));
            double x = LEFT + i * plotWidth / 5;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>%n",
                    x, HEIGHT - BOTTOM + 18, maxSeconds * i / 5));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(lag.toString().trim())
                .append("\"/>\n");
        svg.append("<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"2\" points=\"")
                .append(replicas.toString().trim()).append("\"/>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }
}
