package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every FAQ file of the project loads: what the city ships must pass the checks it runs at start-up. */
class FaqContentTests {

    private static final Path FAQ = Path.of("faq");

    @Test
    void everyFaqFileOfTheProjectIsValid() {
        assumeTrue(Files.isDirectory(FAQ) && !FaqFiles.faqFiles(FAQ).isEmpty(), "the project has no faq/*.yaml yet");
        Map<String, Topic> topics = FaqFiles.readTopics(Path.of("topics.yaml"));

        List<FaqEntry> entries = FaqFiles.readEntries(FAQ, topics);

        assertThat(entries).isNotEmpty();
        assertThat(entries).allSatisfy(entry -> assertThat(entry.topics()).isNotEmpty());
    }
}
