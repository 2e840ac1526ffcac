package io.github.strophejna.bench.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws the headline figures of a run as a grid of small bar charts (XChart), one bar per side. */
final class BenchChart {

    private static final int COLUMNS = 4;
    private static final int WIDTH = 360;
    private static final int HEIGHT = 260;

    private BenchChart() {
    }

    static void draw(Map<String, BenchReport.Figure> figures, Path png) throws IOException {
        // the largest K of the "scale" workload (scale-fixed's rows, scale-K-stock and scale-K-fixed, are not charted)
        String scale = figures.keySet().stream().map(k -> k.split(" ")[0]).filter(w -> w.matches("scale-\\d+"))
                .max((a, b) -> Integer.compare(Integer.parseInt(a.substring(6)), Integer.parseInt(b.substring(6))))
                .orElse("scale-500");
        List<CategoryChart> charts = new ArrayList<>();
        add(charts, figures, "raw msg_per_s", "raw: thousand messages/s (higher is better)", 1000);
        add(charts, figures, "raw-floor msg_per_s", "raw, binding alone (floor): 1000 msg/s", 1000);
        add(charts, figures, "flood msg_per_s", "flood: messages/s (higher is better)", 1);
        add(charts, figures, "flood cpu_us_per_msg", "flood: client CPU per message, µs", 1);
        add(charts, figures, "flood-ejabberd msg_per_s", "flood via ejabberd: messages/s", 1);
        add(charts, figures, "flood-ejabberd cpu_us_per_msg", "flood via ejabberd: client CPU/msg, µs", 1);
        add(charts, figures, "ping p50_ms", "ping: p50 round trip, ms", 1);
        add(charts, figures, "connect cycle_ms", "connect cycle, ms", 1);
        add(charts, figures, "oneshot wall_ms", "oneshot: wall time, ms", 1);
        add(charts, figures, "oneshot peak_rss_kb", "oneshot: peak RSS, MB", 1024);
        add(charts, figures, "scale-500 rss_kb", "scale-500 clients: RSS, MB", 1024);
        add(charts, figures, "scale-500 connect_all_ms", "scale-500 clients: connect all, s", 1000);
        add(charts, figures, scale + " rss_kb", scale + " clients: RSS, MB", 1024);
        add(charts, figures, scale + " process_threads", scale + " clients: threads", 1);
        if (charts.isEmpty()) {
            return;
        }
        // laid out by hand: XChart's own grid needs every cell filled, and the count of charts varies by run
        int columns = Math.min(COLUMNS, charts.size());
        int rows = (charts.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage grid = new BufferedImage(columns * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(charts.get(0).getStyler().getChartBackgroundColor()); // an empty cell looks like the charts
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i % columns * WIDTH, i / columns * HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(grid, "png", png.toFile());
    }

    private static void add(List<CategoryChart> charts, Map<String, BenchReport.Figure> figures, String key, String title,
            double divisor) {
        BenchReport.Figure f = figures.get(key);
        if (f == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String side : BenchReport.SIDES) {
            Double m = f.median(side);
            if (m != null) {
                names.add(BenchReport.SIDE_NAMES.get(side));
                values.add(divisor == 1 ? m : Math.round(m / divisor * 10) / 10.0);
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries(title, names, values);
        charts.add(chart);
    }
}
