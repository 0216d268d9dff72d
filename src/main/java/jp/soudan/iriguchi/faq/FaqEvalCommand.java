package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation command behind {@code scripts/faq-eval}: measures the FAQ search on query sets,
 * with no Spring context (the engine is built directly from the files).
 *
 * <ul>
 * <li>{@code --queries FILE [--faq DIR] [--topics FILE]}: topic queries ({@code {"text","topics"}});
 * a hit is a returned entry with one of the expected topics. Lines without topics are out of
 * scope and must come back as nothing-fits; they are counted apart.
 * <li>{@code --corpus C.jsonl --queries Q.jsonl --qrels R.tsv}: an external FAQ corpus with graded
 * relevance, ranked by the same pipeline, side by side with stock {@link JapaneseAnalyzer} + BM25.
 * <li>{@code --out-of-scope FILE [--faq DIR]}: queries that must all come back as nothing-fits.
 * </ul>
 * Misses are printed first; the last line is always one JSON object with the figures.
 */
public final class FaqEvalCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TIMED_ROUNDS = 5;

    private final PrintStream out;

    FaqEvalCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new FaqEvalCommand(new PrintStream(System.out, true, StandardCharsets.UTF_8)).run(args);
        } catch (FaqFormatException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("faq-eval: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    int run(String[] args) {
        Map<String, String> options = options(args);
        Path faq = Path.of(options.getOrDefault("--faq", "faq"));
        Path topics = Path.of(options.getOrDefault("--topics", "topics.yaml"));
        if (options.containsKey("--corpus")) {
            external(Path.of(options.get("--corpus")), Path.of(required(options, "--queries")),
                    Path.of(required(options, "--qrels")));
        } else if (options.containsKey("--queries")) {
            topicQueries(load(faq, topics), Path.of(options.get("--queries")));
        } else if (options.containsKey("--out-of-scope")) {
            outOfScope(load(faq, topics), Path.of(options.get("--out-of-scope")));
        } else {
            throw new IllegalArgumentException(usage());
        }
        return 0;
    }

    private static FaqIndex load(Path faq, Path topicsFile) {
        Map<String, Topic> topics = FaqFiles.readTopics(topicsFile);
        return FaqIndex.build(FaqAnalysis.standard(), FaqFiles.readEntries(faq, topics), topics);
    }

    private void topicQueries(FaqIndex index, Path queriesFile) {
        List<JsonNode> queries = jsonLines(queriesFile, "text");
        var latencies = new Latencies();
        int topical = 0;
        int unlabelled = 0;
        int unlabelledFlagged = 0;
        double reciprocalRanks = 0;
        int[] foundAt = new int[11];
        for (JsonNode query : queries) {
            String text = query.get("text").asString();
            Set<String> expected = new HashSet<>();
            if (query.has("topics")) {
                query.get("topics").forEach(topic -> expected.add(topic.asString()));
            }
            FaqAnswer answer = latencies.time(() -> index.search(text, 10));
            if (expected.isEmpty()) {
                unlabelled++;
                if (answer.nothingFits()) {
                    unlabelledFlagged++;
                } else {
                    out.println("MISS (should be nothing-fits) " + text + " -> " + describe(answer.hits()));
                }
                continue;
            }
            topical++;
            int rank = 0;
            for (int i = 0; i < answer.hits().size(); i++) {
                if (answer.hits().get(i).entry().topics().stream().anyMatch(expected::contains)) {
                    rank = i + 1;
                    break;
                }
            }
            if (rank > 0) {
                foundAt[rank]++;
                reciprocalRanks += 1.0 / rank;
            }
            if (rank != 1) {
                out.println((rank == 0 ? "MISS " : "MISS@1 (rank " + rank + ") ") + text + "  expected "
                        + expected + " -> " + (answer.nothingFits() ? "NOTHING FITS" : describe(answer.hits())));
            }
        }
        timeAgain(queries.stream().map(query -> query.get("text").asString()).toList(), latencies,
                text -> index.search(text, 10));
        var result = new LinkedHashMap<String, Object>();
        result.put("queries", topical);
        result.put("recall@1", ratio(foundAt[1], topical));
        result.put("recall@3", ratio(foundAt[1] + foundAt[2] + foundAt[3], topical));
        result.put("mrr@10", round(topical == 0 ? 0 : reciprocalRanks / topical));
        if (unlabelled > 0) {
            result.put("out_of_scope_queries", unlabelled);
            result.put("out_of_scope_flagged", ratio(unlabelledFlagged, unlabelled));
        }
        result.put("entries", index.size());
        result.put("p50_ms", latencies.percentile(50));
        result.put("p99_ms", latencies.percentile(99));
        out.println(JSON.writeValueAsString(result));
    }

    private void outOfScope(FaqIndex index, Path queriesFile) {
        List<JsonNode> queries = jsonLines(queriesFile, "text");
        var latencies = new Latencies();
        int flagged = 0;
        for (JsonNode query : queries) {
            String text = query.get("text").asString();
            FaqAnswer answer = latencies.time(() -> index.search(text, 10));
            if (answer.nothingFits()) {
                flagged++;
            } else {
                out.println("NOT FLAGGED " + text + " -> " + describe(answer.hits()));
            }
        }
        timeAgain(queries.stream().map(query -> query.get("text").asString()).toList(), latencies,
                text -> index.search(text, 10));
        var result = new LinkedHashMap<String, Object>();
        result.put("queries", queries.size());
        result.put("flagged", ratio(flagged, queries.size()));
        result.put("p50_ms", latencies.percentile(50));
        out.println(JSON.writeValueAsString(result));
    }

    private void external(Path corpusFile, Path queriesFile, Path qrelsFile) {
        var entries = new ArrayList<FaqEntry>();
        var texts = new ArrayList<String>();
        for (JsonNode document : jsonLines(corpusFile, "id", "question")) {
            String question = document.get("question").asString();
            String answer = document.has("answer") ? document.get("answer").asString() : "";
            entries.add(new FaqEntry(document.get("id").asString(), question, answer, List.of(), "",
                    new FaqContact(null, "", null, null), "", List.of(), LocalDate.EPOCH, false));
            texts.add(question + "\n" + answer);
        }
        var queries = new LinkedHashMap<String, String>();
        jsonLines(queriesFile, "id", "text").forEach(query -> queries.put(query.get("id").asString(), query.get("text").asString()));
        Map<String, Map<String, Integer>> qrels = qrels(qrelsFile);
        queries.keySet().retainAll(qrels.keySet());

        FaqIndex index = FaqIndex.build(FaqAnalysis.standard(), entries, Map.of());
        Function<String, List<String>> ours = text -> index.rank(text, 10).candidates().stream()
                .map(candidate -> candidate.entry().id()).toList();
        Function<String, List<String>> stock = stockBm25(entries, texts);

        Map<String, Object> baseline = measure(queries, qrels, stock, false);
        Map<String, Object> result = measure(queries, qrels, ours, true);
        out.println("stock JapaneseAnalyzer + BM25 (same corpus, question + answer): "
                + JSON.writeValueAsString(baseline));
        out.println(JSON.writeValueAsString(result));
    }

    private Map<String, Object> measure(Map<String, String> queries, Map<String, Map<String, Integer>> qrels,
            Function<String, List<String>> ranker, boolean printMisses) {
        var latencies = new Latencies();
        double ndcg = 0;
        double recall = 0;
        double reciprocalRanks = 0;
        for (var query : queries.entrySet()) {
            Map<String, Integer> relevance = qrels.get(query.getKey());
            List<String> ranked = latencies.time(() -> ranker.apply(query.getValue()));
            double dcg = 0;
            int found = 0;
            int firstRelevant = 0;
            for (int i = 0; i < Math.min(10, ranked.size()); i++) {
                int grade = relevance.getOrDefault(ranked.get(i), 0);
                if (grade > 0) {
                    dcg += (Math.pow(2, grade) - 1) / log2(i + 2);
                    found++;
                    if (firstRelevant == 0) {
                        firstRelevant = i + 1;
                    }
                }
            }
            int[] ideal = relevance.values().stream().filter(grade -> grade > 0)
                    .sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
            double idealDcg = 0;
            for (int i = 0; i < Math.min(10, ideal.length); i++) {
                idealDcg += (Math.pow(2, ideal[i]) - 1) / log2(i + 2);
            }
            ndcg += idealDcg == 0 ? 0 : dcg / idealDcg;
            recall += ideal.length == 0 ? 0 : (double) found / ideal.length;
            reciprocalRanks += firstRelevant == 0 ? 0 : 1.0 / firstRelevant;
            if (printMisses && firstRelevant != 1) {
                out.println("MISS@1 " + query.getKey() + " " + query.getValue() + " -> first relevant at "
                        + (firstRelevant == 0 ? "none" : firstRelevant) + ", got "
                        + ranked.subList(0, Math.min(3, ranked.size())));
            }
        }
        timeAgain(List.copyOf(queries.values()), latencies, ranker);
        int count = queries.size();
        var result = new LinkedHashMap<String, Object>();
        result.put("queries", count);
        result.put("ndcg@10", round(count == 0 ? 0 : ndcg / count));
        result.put("recall@10", round(count == 0 ? 0 : recall / count));
        result.put("mrr@10", round(count == 0 ? 0 : reciprocalRanks / count));
        result.put("p50_ms", latencies.percentile(50));
        return result;
    }

    /** Stock Japanese search as most projects ship it: JapaneseAnalyzer's defaults, BM25, one field. */
    private static Function<String, List<String>> stockBm25(List<FaqEntry> entries, List<String> texts) {
        var analyzer = new JapaneseAnalyzer();
        var directory = new ByteBuffersDirectory();
        try (var writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < entries.size(); i++) {
                var document = new Document();
                document.add(new StringField("id", entries.get(i).id(), Field.Store.YES));
                document.add(new TextField("text", texts.get(i), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
            var searcher = new IndexSearcher(DirectoryReader.open(directory));
            var queries = new QueryBuilder(analyzer);
            return text -> {
                Query query = queries.createBooleanQuery("text", text);
                try {
                    var ids = new ArrayList<String>();
                    for (ScoreDoc hit : searcher.search(query == null ? new MatchNoDocsQuery() : query, 10).scoreDocs) {
                        ids.add(searcher.storedFields().document(hit.doc).get("id"));
                    }
                    return ids;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latency is measured on warm code: the first pass only counted hits, these rounds time. */
    private static void timeAgain(List<String> texts, Latencies latencies, Function<String, ?> search) {
        latencies.clear();
        for (int round = 0; round < TIMED_ROUNDS; round++) {
            for (String text : texts) {
                latencies.time(() -> search.apply(text));
            }
        }
    }

    private static String describe(List<FaqHit> hits) {
        var text = new StringBuilder();
        for (FaqHit hit : hits.subList(0, Math.min(3, hits.size()))) {
            text.append(hit.entry().id()).append(hit.entry().topics()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", hit.score())).append("  ");
        }
        return text.toString().strip();
    }

    /** The JSON objects of a JSON-lines file; each must have the given fields as text. */
    private static List<JsonNode> jsonLines(Path file, String... requiredFields) {
        try {
            var lines = new ArrayList<JsonNode>();
            List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i).isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = JSON.readTree(texts.get(i));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a JSON object");
                }
                for (String field : requiredFields) {
                    if (line.get(field) == null || !line.get(field).isString()) {
                        throw new IllegalArgumentException(file + " line " + (i + 1) + ": missing \"" + field + "\"");
                    }
                }
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, Map<String, Integer>> qrels(Path file) {
        try {
            var qrels = new HashMap<String, Map<String, Integer>>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.strip().split("\t");
                if (columns.length < 3) {
                    throw new IllegalArgumentException(file + ": expected query_id<TAB>doc_id<TAB>relevance, got: " + line);
                }
                qrels.computeIfAbsent(columns[0], id -> new HashMap<>()).put(columns[1], Integer.parseInt(columns[2].strip()));
            }
            return qrels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + usage());
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + "\n" + usage());
        }
        return value;
    }

    private static String usage() {
        return String.join("\n",
                "usage: faq-eval --queries FILE [--faq DIR] [--topics FILE]",
                "       faq-eval --corpus C.jsonl --queries Q.jsonl --qrels R.tsv",
                "       faq-eval --out-of-scope FILE [--faq DIR] [--topics FILE]");
    }

    private static double ratio(int part, int whole) {
        return round(whole == 0 ? 0 : (double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    /** Wall-clock time of each search, in milliseconds. */
    private static final class Latencies {

        private final List<Double> millis = new ArrayList<>();

        <T> T time(Supplier<T> search) {
            long start = System.nanoTime();
            T result = search.get();
            millis.add((System.nanoTime() - start) / 1e6);
            return result;
        }

        void clear() {
            millis.clear();
        }

        double percentile(int percent) {
            if (millis.isEmpty()) {
                return 0;
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return Math.round(sorted[Math.max(0, index)] * 1000) / 1000.0;
        }
    }
}
