package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;

/** The LINE path on a real PostgreSQL, the production database. */
class LineChannelOnPostgresTests extends LineChannelContractTests {

    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<!:):([a-zA-Z]\\w*)");

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        lineProperties(registry);
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    static List<Arguments> queueQueries() {
        return List.of(
                Arguments.of("claim and read", InboundEvents.CLAIM_AND_PENDING,
                        List.of("ix_inbound_event_waiting", "ix_outbound_message_waiting")),
                Arguments.of("read", InboundEvents.PENDING, List.of("ix_inbound_event_waiting", "ix_outbound_message_waiting")),
                Arguments.of("poll for events", InboundEvents.CONVERSATIONS_WITH_PENDING_EVENTS, List.of("ix_inbound_event_waiting")),
                Arguments.of("poll for urgent events", InboundEvents.URGENT_CONVERSATIONS_WITH_PENDING_EVENTS,
                        List.of("ix_inbound_event_urgent_waiting")),
                Arguments.of("outbox of a resident", OutboundMessages.PENDING_OF_CONVERSATION, List.of("ix_outbound_message_waiting")),
                Arguments.of("poll for messages", OutboundMessages.CONVERSATIONS_WITH_DUE_MESSAGES, List.of("ix_outbound_message_waiting")),
                Arguments.of("intake gauge", LineBacklog.INTAKE, List.of("ix_inbound_event_waiting")),
                Arguments.of("outbox gauge", LineBacklog.OUTBOX, List.of("ix_outbound_message_waiting")));
    }

    /**
     * The queues' indexes hold only waiting rows (db/vendor/postgresql/V10), so a query can use them
     * only when the planner can prove its rows are waiting ones. A status passed as a parameter
     * would not prove it in a generic plan (the kind PostgreSQL settles on for a statement prepared
     * by the pool), and the query would read the whole table: hence generic plans here, with
     * sequential scans priced out so that only an unusable index shows one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("queueQueries")
    void theQueuesQueriesReadOnlyTheIndexesOfWaitingRowsEvenInAGenericPlan(String name, String sql, List<String> indexes)
            throws SQLException {
        String plan = genericPlan(sql);

        assertThat(plan).doesNotContain("Seq Scan");
        indexes.forEach(index -> assertThat(plan).contains(index));
    }

    @Test
    void theQueuesIndexesLeaveOutWhatIsDone() {
        List<String> definitions = jdbc.sql("""
                SELECT indexdef FROM pg_indexes
                WHERE tablename IN ('inbound_event', 'outbound_message') AND indexname LIKE 'ix_%'
                ORDER BY indexname
                """).query(String.class).list();

        assertThat(definitions).hasSize(3).allSatisfy(definition -> assertThat(definition).satisfiesAnyOf(
                waiting -> assertThat(waiting).endsWith(
                        "WHERE ((status)::text = ANY ((ARRAY['PENDING'::character varying, 'FAILED'::character varying])::text[]))"),
                urgent -> assertThat(urgent).contains("ix_inbound_event_urgent_waiting")
                        .endsWith("WHERE (urgent AND ((status)::text = 'PENDING'::text))")));
    }

    private String genericPlan(String namedSql) throws SQLException {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Matcher parameters = NAMED_PARAMETER.matcher(namedSql);
        StringBuilder numbered = new StringBuilder();
        while (parameters.find()) {
            int number = numbers.computeIfAbsent(parameters.group(1), n -> numbers.size() + 1);
            parameters.appendReplacement(numbered, "\\$" + number);
        }
        parameters.appendTail(numbered);
        List<String> nulls = new ArrayList<>();
        numbers.forEach((parameter, number) -> nulls.add("NULL"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("PREPARE queue_query AS " + numbered);
                StringBuilder plan = new StringBuilder();
                String arguments = nulls.isEmpty() ? "" : "(" + String.join(", ", nulls) + ")";
                try (var rows = statement.executeQuery("EXPLAIN EXECUTE queue_query" + arguments)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
                statement.execute("DEALLOCATE ALL");
                connection.setAutoCommit(true);
            }
        }
    }
}
