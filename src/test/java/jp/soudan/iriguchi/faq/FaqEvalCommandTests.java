package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The output contract of scripts/faq-eval: misses first, the figures as JSON on the last line. */
class FaqEvalCommandTests {

    @TempDir
    Path directory;

    @Test
    void topicQueriesEndWithTheFigures() throws IOException {
        Path queries = write("q.jsonl", """
                {"text":"家賃が払えない","topics":["housing"]}
                {"text":"ヤングケアラー","topics":["young-carer"]}
                {"text":"家賃が払えない","topics":["dementia"]}
                {"text":"図書館の開館時間"}
                """);

        List<String> lines = run("--queries", queries.toString(), "--faq", FaqFilesTests.FIXTURE.toString());

        assertThat(lines.getFirst()).startsWith("MISS").contains("家賃が払えない").contains("dementia");
        JsonNode figures = JsonMapper.builder().build().readTree(lines.getLast());
        assertThat(figures.get("queries").asInt()).isEqualTo(3);
        assertThat(figures.get("recall@1").asDouble()).isEqualTo(0.6667);
        assertThat(figures.get("recall@3").asDouble()).isEqualTo(0.6667);
        assertThat(figures.get("mrr@10").asDouble()).isEqualTo(0.6667);
        assertThat(figures.get("out_of_scope_flagged").asDouble()).isEqualTo(1.0);
        assertThat(figures.has("p50_ms")).isTrue();
        assertThat(figures.has("p99_ms")).isTrue();
    }

    @Test
    void outOfScopeCountsWhatWasFlagged() throws IOException {
        Path queries = write("oos.jsonl", "{\"text\":\"燃えるごみの日\"}\n{\"text\":\"家賃が払えない\"}\n");

        List<String> lines = run("--out-of-scope", queries.toString(), "--faq", FaqFilesTests.FIXTURE.toString());

        assertThat(lines.getFirst()).startsWith("NOT FLAGGED 家賃が払えない");
        assertThat(lines.getLast()).startsWith("{\"queries\":2,\"flagged\":0.5,");
    }

    @Test
    void externalCorpusShowsStockBm25BesideOurs() throws IOException {
        Path corpus = write("c.jsonl", """
                {"id":"a1","question":"家賃の支払いが難しくなった。","answer":"住居確保給付金をご案内します。"}
                {"id":"a2","question":"犬の登録はどこでできますか。","answer":"保健所で登録できます。"}
                """);
        Path queries = write("q.jsonl", "{\"id\":\"q1\",\"text\":\"家賃が払えない\"}\n");
        Path qrels = write("r.tsv", "query_id\tdoc_id\trelevance\nq1\ta1\t2\n");

        List<String> lines = run("--corpus", corpus.toString(), "--queries", queries.toString(), "--qrels", qrels.toString());

        assertThat(lines.get(lines.size() - 2)).startsWith("stock JapaneseAnalyzer + BM25").contains("\"ndcg@10\"");
        JsonNode figures = JsonMapper.builder().build().readTree(lines.getLast());
        assertThat(figures.get("queries").asInt()).isEqualTo(1);
        assertThat(figures.get("ndcg@10").asDouble()).isEqualTo(1.0);
        assertThat(figures.get("recall@10").asDouble()).isEqualTo(1.0);
        assertThat(figures.get("mrr@10").asDouble()).isEqualTo(1.0);
    }

    private List<String> run(String... args) {
        var bytes = new ByteArrayOutputStream();
        new FaqEvalCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(withTopics(args));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static String[] withTopics(String[] args) {
        var all = new ArrayList<>(List.of(args));
        all.add("--topics");
        all.add(FaqFilesTests.TOPICS.toString());
        return all.toArray(String[]::new);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
