package com.custodian.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart drawn from measured figures as an SVG file, one bar a named figure, with
 * an optional goal drawn as a dashed line across them; the axis starts at zero. Its companion
 * {@link SvgChart} draws lines.
 */
public final class SvgBarChart {

    private static final int WIDTH = 720;
    private static final int LEFT = 190;
    private static final int RIGHT = 70;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int BAR = 22;
    private static final int GAP = 12;
    private static final String BAR_COLOUR = "#1676f3";
    private static final String OVER_GOAL_COLOUR = "#e8590c";
    private static final String GOAL_COLOUR = "#2f9e44";

    private final String title;
    private final String valueLabel;
    private final List<String> names = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private String goalName;
    private double goal = Double.NaN;

    public SvgBarChart(String title, String valueLabel) {
        this.title = title;
        this.valueLabel = valueLabel;
    }

    public SvgBarChart bar(String name, double value) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException("a bar needs a value of zero or more: " + name);
        }
        names.add(name);
        values.add(value);
        return this;
    }

    /** A line at this value; bars beyond it are drawn in another colour. */
    public SvgBarChart goal(String name, double value) {
        this.goalName = name;
        this.goal = value;
        return this;
    }

    public Path write(Path file) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalStateException("a bar chart needs at least one bar");
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        max = SvgChart.niceCeiling(Double.isNaN(goal) ? max : Math.max(max, goal));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = names.size() * (BAR + GAP) + GAP;
        int height = TOP + plotHeight + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(SvgChart.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(SvgChart.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(SvgChart.format("<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", 16,
                SvgChart.escape(title)));
        for (int tick = 0; tick <= 5; tick++) {
            double x = LEFT + plotWidth * tick / 5.0;
            svg.append(SvgChart.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n", x,
                    TOP, x, TOP + plotHeight));
            svg.append(SvgChart.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    TOP + plotHeight + 18, SvgChart.number(max * tick / 5)));
        }
        for (int i = 0; i < names.size(); i++) {
            double value = values.get(i);
            int y = TOP + GAP + i * (BAR + GAP);
            double width = plotWidth * value / max;
            String colour = !Double.isNaN(goal) && value > goal ? OVER_GOAL_COLOUR : BAR_COLOUR;
            svg.append(SvgChart.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 8,
                    y + BAR / 2 + 4, SvgChart.escape(names.get(i))));
            svg.append(SvgChart.format("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", LEFT, y,
                    width, BAR, colour));
            svg.append(SvgChart.format("<text x=\"%.1f\" y=\"%d\">%s</text>%n", LEFT + width + 6, y + BAR / 2 + 4,
                    SvgChart.number(value)));
        }
        svg.append(SvgChart.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, TOP, LEFT,
                TOP + plotHeight));
        svg.append(SvgChart.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
                TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        if (!Double.isNaN(goal)) {
            double x = LEFT + plotWidth * goal / max;
            svg.append(SvgChart.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>%n", x, TOP - 6, x, TOP + plotHeight, GOAL_COLOUR));
            svg.append(SvgChart.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n", x,
                    TOP - 10, GOAL_COLOUR, SvgChart.escape(goalName)));
        }
        svg.append(SvgChart.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth / 2,
                height - 18, SvgChart.escape(valueLabel)));
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, svg, StandardCharsets.UTF_8);
    }
}
