package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyEvalCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SafetyEvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path cases(String... lines) throws IOException {
        return Files.write(dir.resolve("safety.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void printsTheMissesThenTheNumbersAsTheLastLine() throws IOException {
        Path file = cases(
                "{\"text\":\"死にたい\",\"crisis\":true}",
                "{\"text\":\"パパにけられる\",\"crisis\":true}",
                "{\"text\":\"今日はいい天気\",\"crisis\":true}",
                "",
                "{\"text\":\"死ぬほど笑った\",\"crisis\":false}",
                "{\"text\":\"殴られた\",\"crisis\":false}");

        int status = run("--safety", file.toString());

        assertThat(status).isZero();
        assertThat(outLines()).containsExactly(
                "false_negative\t今日はいい天気",
                "false_alarm\t殴られた\t[VIOLENCE_DV]",
                "{\"cases\":5,\"crisis_cases\":3,\"crisis_recall\":0.6666666666666666,\"false_alarms\":1}");
    }

    @Test
    void usesThePatternFileGivenWithPatterns() throws IOException {
        Path patterns = Files.writeString(dir.resolve("patterns.yaml"), """
                patterns:
                  - id: only-weather
                    kind: immediate-danger
                    any_of: [嵐]
                    examples: [嵐が来る]
                    non_examples: [晴れ]
                """);
        Path file = cases("{\"text\":\"嵐が来る\",\"crisis\":true}", "{\"text\":\"死にたい\",\"crisis\":false}");

        assertThat(run("--safety", file.toString(), "--patterns", patterns.toString())).isZero();
        assertThat(outLines()).last().isEqualTo("{\"cases\":2,\"crisis_cases\":1,\"crisis_recall\":1.0,\"false_alarms\":0}");
    }

    @Test
    void saysRecallIsUndefinedWithoutCrisisCases() throws IOException {
        Path file = cases("{\"text\":\"こんにちは\",\"crisis\":false}");

        assertThat(run("--safety", file.toString())).isZero();
        assertThat(outLines()).containsExactly("{\"cases\":1,\"crisis_cases\":0,\"crisis_recall\":null,\"false_alarms\":0}");
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() throws IOException {
        Path file = cases("{\"text\":\"死にたい\",\"crisis\":true}", "{\"text\":\"x\",\"crisis\":\"yes\"}", "not json");

        assertThat(run("--safety", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":2: ").contains("\"crisis\" (true or false)");
        assertThat(outLines()).isEmpty();
    }

    @Test
    void badArgumentsPrintTheUsage() {
        // tried: nothing, --safety without a file, an unknown flag, a missing file
        assertThat(run()).isEqualTo(2);
        assertThat(run("--safety")).isEqualTo(2);
        assertThat(run("--safety", "x.jsonl", "--verbose")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: SafetyEvalCommand --safety FILE [--patterns PATH]")
                .contains("unknown argument --verbose");
        assertThat(run("--safety", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.jsonl: cannot read the file");
    }
}
