package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * Two instances on one PostgreSQL: a resident's events, posted alternately to both, are answered
 * exactly once each and in order, because only one instance at a time holds the resident's lease.
 */
class LineChannelTwoInstancesTests {

    private static final String SECRET = "two-instances-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @Test
    void eventsPostedAlternatelyToTwoInstancesAreAnsweredOnceEachInOrder() {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        List<String> residents = List.of(Webhooks.newUserId(), Webhooks.newUserId(), Webhooks.newUserId());
        int perResident = 8;

        try (ConfigurableApplicationContext a = start(database); ConfigurableApplicationContext b = start(database)) {
            List<SignedPoster> instances = List.of(new SignedPoster(BotUnderTest.port(a), SECRET), new SignedPoster(BotUnderTest.port(b), SECRET));
            Instant start = Instant.now();
            int posted = 0;
            for (int i = 0; i < perResident; i++) {
                for (String resident : residents) {
                    var event = Webhooks.text(resident, resident.substring(0, 6) + "#" + i).withTimestamp(start.plusMillis(i));
                    assertThat(instances.get(posted++ % 2).post(event).statusCode()).isEqualTo(200);
                }
            }

            List<RecordedRequest> replies = fake.awaitDeliveredReplies(residents.size() * perResident, Duration.ofSeconds(20));
            for (String resident : residents) {
                List<String> texts = new ArrayList<>();
                replies.stream().filter(r -> r.texts().getFirst().startsWith("echo:" + resident.substring(0, 6)))
                        .forEach(r -> texts.add(r.texts().getFirst()));
                assertThat(texts).containsExactlyElementsOf(IntStream.range(0, perResident)
                        .mapToObj(i -> "echo:" + resident.substring(0, 6) + "#" + i).toList());
            }
            assertThat(fake.replies()).hasSize(residents.size() * perResident);
            assertThat(fake.pushes()).isEmpty();
            fake.assertNoViolations();
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class, EchoTurnHandler.class}, fake, SECRET, database,
                "spring.datasource.username=postgres", "spring.datasource.password=");
    }

}
