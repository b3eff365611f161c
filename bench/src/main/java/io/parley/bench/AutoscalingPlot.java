package io.parley.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The simulation's plot: backlog, CPU and the replicas each autoscaler decided, on one time axis (Java2D, PNG). */
final class AutoscalingPlot {
    private static final int WIDTH = 1200;
    private static final int PANEL = 260;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int GAP = 40;
    private static final Color BURST = new Color(255, 235, 200);

    private AutoscalingPlot() {
    }

    static void write(Path png, List<AutoscalingSimulation.Sample> samples, List<HpaReplay.Decision> hpa,
            List<HpaReplay.Decision> keda, long baseMs, long burstMs) throws IOException {
        int height = TOP + 3 * PANEL + 2 * GAP + 50;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("Routing under a burst: what the autoscalers see and decide (chart settings, replayed on real metrics)",
                LEFT, 28);
        double tMax = samples.get(samples.size() - 1).atMs() / 1000.0;

        Panel backlog = new Panel(g, TOP, tMax, max(samples, s -> Math.max(s.kafkaLag(), s.exportedBacklog())),
                "backlog on parley.inbound (records)", baseMs, burstMs);
        backlog.line(samples, s -> s.kafkaLag(), new Color(200, 60, 40), "consumer lag read from Kafka (KEDA's source)");
        backlog.line(samples, s -> s.exportedBacklog(), new Color(40, 90, 200), "parley_messages_backlog as exported (HPA's source)");

        Panel cpu = new Panel(g, TOP + PANEL + GAP, tMax, Math.max(1, max(samples, s -> s.cpuCores())),
                "routing CPU (cores); request 0.5, target 70% = 0.35 per replica", baseMs, burstMs);
        cpu.line(samples, s -> s.cpuCores(), new Color(60, 140, 60), "CPU cores used (1 s)");

        Panel replicas = new Panel(g, TOP + 2 * (PANEL + GAP), tMax, 13, "desired replicas (min 2, max 12)", baseMs, burstMs);
        replicas.steps(hpa, new Color(40, 90, 200), "HPA mode (CPU + exported backlog via prometheus-adapter)", 0);
        replicas.steps(keda, new Color(200, 60, 40), "KEDA mode (CPU + Kafka lag)", 3);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("time (s); shaded: the burst", WIDTH / 2 - 80, height - 15);
        g.dispose();
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static <T> double max(List<T> items, ToDoubleFunction<T> f) {
        return Math.max(1, items.stream().mapToDouble(f).max().orElse(1));
    }

    /** One chart: a frame, a y scale from 0 to yMax, the burst shaded, lines with a legend. */
    private static final class Panel {
        private final Graphics2D g;
        private final int top;
        private final double tMax;
        private final double yMax;
        private int legendRow;

        Panel(Graphics2D g, int top, double tMax, double yMax, String title, long baseMs, long burstMs) {
            this.g = g;
            this.top = top;
            this.tMax = tMax;
            this.yMax = yMax * 1.1;
            g.setColor(BURST);
            int x0 = x(baseMs / 1000.0);
            g.fillRect(x0, top, x((baseMs + burstMs) / 1000.0) - x0, PANEL);
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, PANEL);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 4; i++) {
                double v = this.yMax * i / 4;
                int y = y(v);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(LEFT + 1, y, WIDTH - RIGHT - 1, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v), 10, y + 4);
            }
            for (double t = 0; t <= tMax; t += 60) {
                g.drawString(String.format(Locale.ROOT, "%.0f", t), x(t) - 8, top + PANEL + 15);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, top - 8);
        }

        int x(double t) {
            return LEFT + (int) Math.round(t / tMax * (WIDTH - LEFT - RIGHT));
        }

        int y(double v) {
            return top + PANEL - (int) Math.round(v / yMax * PANEL);
        }

        void line(List<AutoscalingSimulation.Sample> samples, ToDoubleFunction<AutoscalingSimulation.Sample> f,
                Color color, String label) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < samples.size(); i++) {
                g.drawLine(x(samples.get(i - 1).atMs() / 1000.0), y(f.applyAsDouble(samples.get(i - 1))),
                        x(samples.get(i).atMs() / 1000.0), y(f.applyAsDouble(samples.get(i))));
            }
            legend(color, label);
        }

        void steps(List<HpaReplay.Decision> decisions, Color color, String label, int offset) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            int prevX = x(0);
            int prevY = y(2) + offset;
            for (HpaReplay.Decision d : decisions) {
                int nx = x(d.atMs() / 1000.0);
                int ny = y(d.replicas()) + offset;
                g.drawLine(prevX, prevY, nx, prevY);
                g.drawLine(nx, prevY, nx, ny);
                prevX = nx;
                prevY = ny;
            }
            g.drawLine(prevX, prevY, x(tMax), prevY);
            legend(color, label);
        }

        private void legend(Color color, String label) {
            int ly = top + 18 + 18 * legendRow++;
            g.setStroke(new BasicStroke(3f));
            g.setColor(color);
            g.drawLine(WIDTH - RIGHT - 430, ly - 4, WIDTH - RIGHT - 405, ly - 4);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(label, WIDTH - RIGHT - 398, ly);
        }
    }
}
