package jp.soudan.iriguchi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM options files we ship (config/*.options, used by the Dockerfile, the benchmark and
 * README's commands) start a JVM: an option this JDK does not know would stop the bot from starting.
 */
class JvmOptionsFilesTests {

    static Stream<Path> optionsFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("config"))) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".options")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("jvm.options", "jvm-low-memory.options");
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("optionsFiles")
    void startsThisJdkAfterTheDefaultOptions(Path options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "@config/jvm.options", "@" + options, "-version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }
}
