package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqLibraryTests {

    private static final FaqAnalysis ANALYSIS = FaqAnalysis.standard();

    @TempDir
    Path directory;

    @BeforeEach
    void copyFixture() throws IOException {
        try (var files = Files.list(FaqFilesTests.FIXTURE)) {
            for (Path file : files.toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void servesTheFilesAsLoaded() {
        var library = new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS);

        assertThat(library.index().size()).isEqualTo(12);
        assertThat(library.search("家賃が払えない", 3).hits().getFirst().entry().id()).isEqualTo("ho-001");
    }

    @Test
    void aBrokenFileStopsStartUpNamingFileAndLine() throws IOException {
        write("broken.yaml", FaqFilesTests.VALID.replace("topics: [young-carer]", "topics: [no-such-topic]"));

        assertThatThrownBy(() -> new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining(directory.resolve("broken.yaml") + " line 5: unknown topic 'no-such-topic'");
    }

    @Test
    void unchangedFilesAreNotIndexedAgain() {
        var library = new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS);
        FaqIndex before = library.index();

        assertThat(library.reloadIfChanged()).isFalse();
        assertThat(library.index()).isSameAs(before);
    }

    @Test
    void aNewEntryIsServedAfterReload() throws IOException {
        var library = new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS);
        assertThat(library.search("ヤングケアラー", 3).hits()).extracting(hit -> hit.entry().id()).doesNotContain("yc-999");

        write("new.yaml", FaqFilesTests.VALID.replace("id: yc-001", "id: yc-999"));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.index().size()).isEqualTo(13);
        assertThat(library.search("ヤングケアラー", 3).hits()).extracting(hit -> hit.entry().id()).contains("yc-999");
    }

    @Test
    void aBrokenChangeLeavesThePreviousIndexServingUntilFixed() throws IOException {
        var library = new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS);
        FaqIndex before = library.index();

        write("living.yaml", Files.readString(directory.resolve("living.yaml")).replace("id: ho-001", "id: HO 001"));

        assertThat(library.reloadIfChanged()).isFalse();
        assertThat(library.index()).isSameAs(before);
        assertThat(library.search("家賃が払えない", 3).hits().getFirst().entry().id()).isEqualTo("ho-001");
        assertThat(library.reloadIfChanged()).as("the same broken state is not tried again").isFalse();

        write("living.yaml", Files.readString(directory.resolve("living.yaml")).replace("id: HO 001", "id: ho-002"));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.search("家賃が払えない", 3).hits().getFirst().entry().id()).isEqualTo("ho-002");
    }

    @Test
    void aDeletedFileIsAChangeToo() throws IOException {
        var library = new FaqLibrary(directory, FaqFilesTests.TOPICS, ANALYSIS);

        Files.delete(directory.resolve("living.yaml"));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.index().size()).isEqualTo(8);
    }

    @Test
    void aMissingDirectoryServesAnEmptyFaqUntilItAppears() throws IOException {
        Path later = directory.resolve("later");
        var library = new FaqLibrary(later, FaqFilesTests.TOPICS, ANALYSIS);

        assertThat(library.search("家賃が払えない", 3).nothingFits()).isTrue();

        Files.createDirectory(later);
        Files.copy(directory.resolve("living.yaml"), later.resolve("living.yaml"));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.search("家賃が払えない", 3).hits().getFirst().entry().id()).isEqualTo("ho-001");
    }

    @Test
    void theSpringComponentReloadsOnItsOwn() throws Exception {
        var search = new ReloadingFaqSearch(new FaqSettings(directory, FaqFilesTests.TOPICS, Duration.ofMillis(50), null));
        try {
            write("new.yaml", FaqFilesTests.VALID.replace("id: yc-001", "id: yc-999"));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (search.search("ヤングケアラー", 5).hits().stream().noneMatch(hit -> hit.entry().id().equals("yc-999"))) {
                assertThat(System.nanoTime()).as("reloaded within 10 s").isLessThan(deadline);
                Thread.onSpinWait();
                Thread.sleep(20);
            }
        } finally {
            search.destroy();
        }
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
