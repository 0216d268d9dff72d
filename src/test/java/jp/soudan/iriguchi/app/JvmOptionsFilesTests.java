package jp.soudan.iriguchi.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM options files we ship (config/*.options, used by the Dockerfile, the benchmark and
 * README's commands) start a JVM: an option the JDK does not know would stop the bot from starting.
 */
class JvmOptionsFilesTests {

    /** The image's JDK: config/jvm.options asks for compact object headers, new in JDK 25. */
    private static final int IMAGE_JDK = 25;
    private static final Path DEFAULT_OPTIONS = Path.of("config", "jvm.options");

    @TempDir
    Path output;

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
    void startsTheImagesJdkTogetherWithTheDefaultOptions(Path options) throws IOException, InterruptedException {
        assumeTrue(Runtime.version().feature() >= IMAGE_JDK, "the options are written for JDK " + IMAGE_JDK);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = output.resolve("java-version.log");
        List<String> command = Stream.of(java.toString(), "@" + DEFAULT_OPTIONS, "@" + options, "-version")
                .distinct()
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Options from the environment would start another JVM than the one the files describe.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("java -version ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = Files.readString(log);

        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }
}
