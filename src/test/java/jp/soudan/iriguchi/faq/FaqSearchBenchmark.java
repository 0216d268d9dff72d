package jp.soudan.iriguchi.faq;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Speed of the FAQ search on a 2,000-entry corpus (budget: p50 &lt; 2 ms, p99 &lt; 10 ms per
 * query, index build &lt; 5 s). How to run: {@code bench/faq/README.md}.
 *
 * <p>The corpus is made reproducibly (fixed seed) from the FAQ entries of a directory: each
 * generated entry takes one entry's question and keywords, and mixes sentences from the answers
 * of three others, so vocabulary and lengths stay those of real entries while no two are alike.
 * Queries are the entries' own keywords and questions cut short, plus everyday phrasings of the
 * synonym file's words: short and long, in scope and out.
 */
final class FaqSearchBenchmark {

    private static final long SEED = 20261001L;

    public static void main(String[] args) {
        Path faq = Path.of(args.length > 0 ? args[0] : "faq");
        Path topicsFile = Path.of(args.length > 1 ? args[1] : "topics.yaml");
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 2000;

        Map<String, Topic> topics = FaqFiles.readTopics(topicsFile);
        List<FaqEntry> base = FaqFiles.readEntries(faq, topics);
        List<FaqEntry> corpus = generate(base, size, new Random(SEED));
        FaqAnalysis analysis = FaqAnalysis.standard();

        // warm the analysis and the indexing code once, then time a fresh build
        FaqIndex.build(analysis, corpus.subList(0, Math.min(200, corpus.size())), topics);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long buildStart = System.nanoTime();
        long buildCpuStart = threads.getCurrentThreadCpuTime();
        FaqIndex index = FaqIndex.build(analysis, corpus, topics);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        double buildCpuSeconds = (threads.getCurrentThreadCpuTime() - buildCpuStart) / 1e9;

        List<String> queries = queries(base, new Random(SEED + 1));
        for (int round = 0; round < 20; round++) {
            for (String query : queries) {
                index.search(query, 5);
            }
        }
        int rounds = 10;
        double[] millis = new double[queries.size() * rounds];
        double[] cpuMillis = new double[queries.size() * rounds];
        int nothingFits = 0;
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String query : queries) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                FaqAnswer answer = index.search(query, 5);
                cpuMillis[n] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                millis[n++] = (System.nanoTime() - start) / 1e6;
                if (round == 0 && answer.nothingFits()) {
                    nothingFits++;
                }
            }
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println(String.format(Locale.ROOT,
                "{\"entries\":%d,\"queries\":%d,\"searches\":%d,\"build_s\":%.3f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
                        + "\"p99_ms\":%.3f,\"max_ms\":%.3f,\"build_cpu_s\":%.3f,\"p50_cpu_ms\":%.3f,\"p99_cpu_ms\":%.3f,"
                        + "\"nothing_fits\":%d,\"cores\":%d,\"load_average\":%.1f,\"java\":\"%s\"}",
                index.size(), queries.size(), millis.length, buildSeconds, percentile(millis, 50),
                percentile(millis, 90), percentile(millis, 99), millis[millis.length - 1], buildCpuSeconds,
                percentile(cpuMillis, 50), percentile(cpuMillis, 99), nothingFits,
                Runtime.getRuntime().availableProcessors(), load, Runtime.version()));
    }

    static List<FaqEntry> generate(List<FaqEntry> base, int size, Random random) {
        var corpus = new ArrayList<FaqEntry>(size);
        for (int i = 0; i < size; i++) {
            FaqEntry entry = base.get(i % base.size());
            var answer = new StringBuilder();
            for (int part = 0; part < 3 && answer.length() < 300; part++) {
                String[] sentences = base.get(random.nextInt(base.size())).answer().split("(?<=。)");
                answer.append(sentences[random.nextInt(sentences.length)].strip());
            }
            var keywords = new ArrayList<>(entry.keywords());
            List<String> borrowed = base.get(random.nextInt(base.size())).keywords();
            if (!borrowed.isEmpty()) {
                keywords.add(borrowed.get(random.nextInt(borrowed.size())));
            }
            corpus.add(new FaqEntry(entry.id() + "-" + (i / base.size()), entry.question(),
                    answer.length() > 400 ? answer.substring(0, 400) : answer.toString(), entry.topics(),
                    entry.desk(), entry.contact(), entry.forWhom(), keywords, LocalDate.of(2026, 10, 1), true));
        }
        return corpus;
    }

    static List<String> queries(List<FaqEntry> base, Random random) {
        var queries = new ArrayList<String>(List.of(
                "家賃が払えない", "親の介護で学校に行けない", "ひきこもりの兄", "お金がなくて食べ物が買えない",
                "やんぐけあらー", "ｼｮｰﾄｽﾃｲ", "粗大ごみの出し方", "図書館の開館時間", "夫からの暴力がこわくて家にいられない",
                "母が最近同じことを何度も聞いてきて、病院に連れて行ったほうがいいのか、どこに相談すればいいのか迷っています"));
        for (int i = 0; i < 90; i++) {
            FaqEntry entry = base.get(random.nextInt(base.size()));
            if (i % 2 == 0 && !entry.keywords().isEmpty()) {
                queries.add(entry.keywords().get(random.nextInt(entry.keywords().size())));
            } else {
                String question = entry.question();
                queries.add(question.substring(0, Math.max(4, question.length() * 2 / 3)));
            }
        }
        return queries;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
