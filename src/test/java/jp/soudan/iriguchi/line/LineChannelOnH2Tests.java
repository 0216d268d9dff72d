package jp.soudan.iriguchi.line;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The LINE path on the embedded default database. */
class LineChannelOnH2Tests extends LineChannelContractTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        lineProperties(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:line-channel;DB_CLOSE_DELAY=-1");
    }
}
