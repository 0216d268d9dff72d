package jp.soudan.iriguchi.line;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;

/** The LINE path on a real PostgreSQL, the production database. */
class LineChannelOnPostgresTests extends LineChannelContractTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        lineProperties(registry);
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
