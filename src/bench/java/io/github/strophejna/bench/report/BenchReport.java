package io.github.strophejna.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of scripts/bench.sh: reads the samples the workloads printed (target/bench/samples.tsv:
 * "workload side figure value", one line per round), and writes the table of medians, ratios and goals on
 * stdout, results.json with every sample, median, goal and the machine (machine.tsv: "key value"), and
 * the chart ({@link BenchChart}). Args: BENCH_DIR.
 */
public final class BenchReport {

    /** The three sides, in the table's order. */
    static final List<String> SIDES = List.of("c", "java", "smack");
    static final Map<String, String> SIDE_NAMES = Map.of("c", "C libstrophe", "java", "strophe-jna", "smack", "Smack 4.4.8");

    private BenchReport() {
    }

    /** All samples of one figure of one workload, by side. */
    record Figure(String workload, String name, Map<String, List<Double>> samples) {

        Double median(String side) {
            List<Double> v = samples.get(side);
            if (v == null || v.isEmpty()) {
                return null;
            }
            double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[(sorted.length - 1) / 2];
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("samples.tsv"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4) {
                continue;
            }
            figures.computeIfAbsent(f[0] + " " + f[2], k -> new Figure(f[0], f[2], new LinkedHashMap<>()))
                    .samples().computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
        }
        List<Goals.Verdict> verdicts = Goals.judge(figures);
        printTable(figures, verdicts);
        Files.writeString(dir.resolve("results.json"), json(dir, figures, verdicts), StandardCharsets.UTF_8);
        if (!figures.isEmpty()) {
            BenchChart.draw(figures, dir.resolve("benchmarks.png"));
            System.out.println("\n" + machineLine(dir));
        }
    }

    private static void printTable(Map<String, Figure> figures, List<Goals.Verdict> verdicts) {
        System.out.printf("%-24s %-22s %14s %14s %14s %9s %9s%n", "workload", "figure (median)", "C libstrophe",
                "strophe-jna", "Smack 4.4.8", "jna/C", "jna/Smack");
        for (Figure f : figures.values()) {
            StringBuilder row = new StringBuilder(String.format("%-24s %-22s", f.workload(), f.name()));
            for (String side : SIDES) {
                Double m = f.median(side);
                row.append(String.format(" %14s", m == null ? "-" : number(m)));
            }
            row.append(String.format(" %9s %9s", ratio(f.median("java"), f.median("c")), ratio(f.median("java"), f.median("smack"))));
            System.out.println(row);
        }
        System.out.println();
        for (Goals.Verdict v : verdicts) {
            System.out.printf("goal %-24s %-50s measured %-12s %s%n", v.workload(), v.goal(), v.measured(),
                    v.met() == null ? "not measured" : v.met() ? "met" : "NOT MET");
        }
    }

    static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String machineLine(Path dir) throws IOException {
        Map<String, String> m = machine(dir);
        return m.getOrDefault("date", "") + ", " + m.getOrDefault("cpu", "") + " (" + m.getOrDefault("cores", "?")
                + " cores), " + m.getOrDefault("java", "") + ", libstrophe " + m.getOrDefault("libstrophe", "")
                + ", Smack " + m.getOrDefault("smack", "") + ": " + m.getOrDefault("command", "");
    }

    private static Map<String, String> machine(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path file = dir.resolve("machine.tsv");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return m;
    }

    private static String json(Path dir, Map<String, Figure> figures, List<Goals.Verdict> verdicts) throws IOException {
        StringBuilder j = new StringBuilder("{\n  \"machine\": {");
        List<String> parts = new ArrayList<>();
        machine(dir).forEach((k, v) -> parts.add(quote(k) + ": " + quote(v)));
        j.append(String.join(", ", parts)).append("},\n  \"figures\": [\n");
        List<String> rows = new ArrayList<>();
        for (Figure f : figures.values()) {
            List<String> sides = new ArrayList<>();
            for (String side : SIDES) {
                if (f.samples().containsKey(side)) {
                    sides.add(quote(side) + ": {\"median\": " + f.median(side) + ", \"samples\": "
                            + Arrays.toString(f.samples().get(side).toArray()) + "}");
                }
            }
            rows.add("    {\"workload\": " + quote(f.workload()) + ", \"figure\": " + quote(f.name()) + ", "
                    + String.join(", ", sides) + "}");
        }
        j.append(String.join(",\n", rows)).append("\n  ],\n  \"goals\": [\n");
        List<String> goals = new ArrayList<>();
        for (Goals.Verdict v : verdicts) {
            goals.add("    {\"workload\": " + quote(v.workload()) + ", \"goal\": " + quote(v.goal()) + ", \"measured\": "
                    + quote(v.measured()) + ", \"met\": " + v.met() + "}");
        }
        return j.append(String.join(",\n", goals)).append("\n  ]\n}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
