package com.custodian.devices.ui;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.custodian.devices.TelemetryPoint;

/**
 * A line chart of one field's values, drawn on the server as SVG (no chart library in the browser:
 * the application ships Vaadin's ready-made frontend bundle only). Values are numbers; labels are
 * escaped.
 */
final class TelemetryChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 180;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;

    private TelemetryChart() {
    }

    /** The chart as an SVG document; empty-state text when there are no numeric points. */
    static String svg(List<TelemetryPoint> points, String unit, ZoneId zone, Locale locale, String emptyText) {
        List<TelemetryPoint> numeric = points.stream().filter(point -> point.number() != null).toList();
        StringBuilder svg = new StringBuilder().append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH)
                .append("' height='").append(HEIGHT).append("' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' font-family='sans-serif' font-size='11'>")
                .append("<rect width='100%' height='100%' fill='#ffffff'/>");
        if (numeric.size() < 2) {
            return svg.append("<text x='").append(WIDTH / 2).append("' y='").append(HEIGHT / 2)
                    .append("' text-anchor='middle' fill='#6b7280'>").append(escape(emptyText)).append("</text></svg>")
                    .toString();
        }
        double min = numeric.stream().mapToDouble(TelemetryPoint::number).min().orElse(0);
        double max = numeric.stream().mapToDouble(TelemetryPoint::number).max().orElse(1);
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double pad = (max - min) * 0.08;
        min -= pad;
        max += pad;
        long from = numeric.getFirst().timestamp().toEpochMilli();
        long to = Math.max(numeric.getLast().timestamp().toEpochMilli(), from + 1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double value = min + (max - min) * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append("<line x1='").append(LEFT).append("' x2='").append(WIDTH - RIGHT).append("' y1='").append(fmt(y))
                    .append("' y2='").append(fmt(y)).append("' stroke='#e5e7eb'/>")
                    .append("<text x='").append(LEFT - 6).append("' y='").append(fmt(y + 4))
                    .append("' text-anchor='end' fill='#6b7280'>").append(escape(label(value))).append("</text>");
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(zone);
        for (int i = 0; i <= 4; i++) {
            long at = from + (to - from) * i / 4;
            double x = LEFT + plotWidth * i / 4;
            String anchor = i == 0 ? "start" : i == 4 ? "end" : "middle";
            svg.append("<text x='").append(fmt(x)).append("' y='").append(HEIGHT - 8)
                    .append("' text-anchor='").append(anchor).append("' fill='#6b7280'>").append(escape(time.format(Instant.ofEpochMilli(at))))
                    .append("</text>");
        }
        svg.append("<polyline fill='none' stroke='#1676f3' stroke-width='1.8' points='");
        for (TelemetryPoint point : numeric) {
            double x = LEFT + plotWidth * (point.timestamp().toEpochMilli() - from) / (double) (to - from);
            double y = TOP + plotHeight - plotHeight * (point.number() - min) / (max - min);
            svg.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        }
        svg.append("'/>");
        if (unit != null && !unit.isBlank()) {
            svg.append("<text x='").append(LEFT).append("' y='").append(TOP - 2).append("' fill='#6b7280'>")
                    .append(escape(unit)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    static String dataUrl(String svg) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    private static String label(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
