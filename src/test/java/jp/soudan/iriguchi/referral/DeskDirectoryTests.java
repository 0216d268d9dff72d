package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import jp.soudan.iriguchi.referral.DeskDirectory.DeskEntry;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/** The city's desks file: the shipped sample, routing by topic × area, and clear errors for mistakes. */
class DeskDirectoryTests {

    static final Path SAMPLE = Path.of("config/desks/desks.yaml");

    static DeskDirectory sample() {
        return new DeskDirectory(new ReferralSettings(SAMPLE.toString(), "http://localhost/desk",
                new ReferralSettings.FollowUp(Duration.ofMinutes(5), Duration.ofDays(3), LocalTime.of(10, 0), LocalTime.of(18, 0)),
                new ReferralSettings.Notification(Duration.ofSeconds(5), "a@localhost", Duration.ofSeconds(5),
                        Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofMinutes(2), Duration.ofSeconds(10), 50), Duration.ofSeconds(10)));
    }

    @Test
    void theSampleFileLoadsWithItsDesksHoursAndHolidays() {
        DeskDirectory desks = sample();

        assertThat(desks.all()).extracting(DeskEntry::id).startsWith("sogo").contains("kodomo", "jiritsu", "kokoro");
        assertThat(desks.onDuty().name()).isEqualTo("福祉総合相談窓口");
        DeskEntry sogo = desks.get("sogo");
        assertThat(sogo.mail()).containsExactly("sogo@example.lg.jp");
        assertThat(sogo.hours().open()).isEqualTo(LocalTime.of(8, 30));
        assertThat(sogo.hours().isWorkingDay(LocalDate.of(2026, 11, 23))).as("勤労感謝の日").isFalse();
        assertThat(sogo.hours().isWorkingDay(LocalDate.of(2026, 11, 24))).isTrue();
        assertThat(desks.get("shakyo").hours().isWorkingDay(LocalDate.of(2026, 11, 28))).as("社協 opens on Saturdays").isTrue();
        assertThat(desks.get("kokoro").hours().open()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void everyTopicOfTheProjectVocabularyHasARuleInTheSample() throws IOException {
        Map<String, Object> topicsFile = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("topics.yaml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> topics = (List<Map<String, Object>>) topicsFile.get("topics");
        DeskDirectory desks = sample();

        for (Map<String, Object> topic : topics) {
            String slug = topic.get("slug").toString();
            assertThat(desks.rules()).as("a rule for " + slug).anySatisfy(rule -> assertThat(rule.topics()).contains(slug));
        }
        for (DeskDirectory.Rule rule : desks.rules()) {
            assertThat(topics).as("rule topics are known slugs").extracting(t -> t.get("slug").toString())
                    .containsAll(rule.topics());
        }
    }

    @ParameterizedTest(name = "{0} in {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            elderly-care                 | みどり北中学校区 | houkatsu-kita
            dementia                     | みどり西中学校区 | houkatsu-minami
            elderly-care                 | -              | sogo
            elderly-care                 | ほかの町        | sogo
            young-carer                  | -              | kodomo
            young-carer,child-rearing    | -              | kodomo
            living-hardship,housing      | -              | jiritsu
            living-hardship,disability   | -              | sogo
            elderly-care,disability      | -              | sogo
            mental-health                | -              | kokoro
            food-support                 | -              | shakyo
            no-such-topic                | -              | sogo
            -                            | -              | sogo
            """)
    void routingFollowsTopicAndAreaAndSendsSeveralDesksToTheComprehensiveOne(String topics, String area, String desk) {
        Routing routing = new Routing(sample());
        List<String> slugs = topics == null ? List.of() : List.of(topics.split(","));

        assertThat(routing.route(slugs, area, Urgency.NORMAL).desk().id()).isEqualTo(desk);
    }

    @Test
    void anUrgentTicketAlsoGoesToTheOnDutyDeskUnlessItIsThatDesk() {
        Routing routing = new Routing(sample());

        Routing.Route urgent = routing.route(List.of("mental-health"), null, Urgency.URGENT);
        assertThat(urgent.desk().id()).isEqualTo("kokoro");
        assertThat(urgent.onDuty().id()).isEqualTo("sogo");
        assertThat(routing.route(List.of("abuse-dv"), null, Urgency.URGENT).onDuty()).isNull();
        assertThat(routing.route(List.of("mental-health"), null, Urgency.SOON).onDuty()).isNull();
    }

    static final String VALID_DESK = """
            desks:
              - id: sogo
                name: 総合
            """;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            desks: []                                                                   | at least one desk
            'desks: [{id: sogo}]'                                                       | desks[0].name: missing
            'desks: [{id: Sogo!, name: x}]'                                             | must be 1 to 40 lower-case
            'desks: [{id: a, name: x}, {id: a, name: y}]'                               | listed twice
            'desks: [{id: a, name: x, hours: {days: [MON], open: "17:00", close: "09:00"}}]' | before it closes
            'desks: [{id: a, name: x, hours: {days: [MON], open: 8:30, close: "17:00"}}]'    | write times in quotes
            'desks: [{id: a, name: x, hours: {days: [MOO], open: "08:30", close: "17:00"}}]' | not a weekday
            'desks: [{id: a, name: x, webhook: "ftp://x"}]'                             | http(s) URL
            'zone: Mars/Olympus'                                                        | not a time zone
            'closed-dates: [2026-13-45]'                                                | not a date
            """)
    void mistakesInTheFileStopTheStartWithAMessageThatSaysWhere(String yaml, String message) {
        String file = yaml.startsWith("desks") ? yaml + "\nrouting: {on-duty: a, default: a}" : VALID_DESK + yaml
                + "\nrouting: {on-duty: sogo, default: sogo}";

        assertThatThrownBy(() -> DeskDirectory.fromYaml(file)).hasMessageContaining(message);
    }

    @Test
    void aRuleOrRoutingToAnUnknownDeskIsRefused() {
        assertThatThrownBy(() -> DeskDirectory.fromYaml(VALID_DESK + "routing: {on-duty: nobody, default: sogo}"))
                .hasMessageContaining("routing.on-duty").hasMessageContaining("no desk 'nobody'");
        assertThatThrownBy(() -> DeskDirectory.fromYaml(VALID_DESK
                + "routing: {on-duty: sogo, default: sogo, rules: [{topics: [x], desk: gone}]}"))
                .hasMessageContaining("rules[0].desk").hasMessageContaining("no desk 'gone'");
        assertThatThrownBy(() -> DeskDirectory.fromYaml(VALID_DESK
                + "routing: {on-duty: sogo, default: sogo, rules: [{topics: [], desk: sogo}]}"))
                .hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> DeskDirectory.fromYaml(VALID_DESK)).hasMessageContaining("routing: missing");
    }

    @Test
    void aMissingFileSaysWhichPathAndWhichSetting() {
        ReferralSettings settings = new ReferralSettings("no/such/desks.yaml", "x", sampleSettings().followUp(),
                sampleSettings().notification(), Duration.ofSeconds(10));
        assertThatThrownBy(() -> new DeskDirectory(settings))
                .hasMessageContaining("no/such/desks.yaml").hasMessageContaining("iriguchi.referral.desks-file");
    }

    private static ReferralSettings sampleSettings() {
        return new ReferralSettings(SAMPLE.toString(), "http://localhost/desk",
                new ReferralSettings.FollowUp(Duration.ofMinutes(5), Duration.ofDays(3), LocalTime.of(10, 0), LocalTime.of(18, 0)),
                new ReferralSettings.Notification(Duration.ofSeconds(5), "a@localhost", Duration.ofSeconds(5),
                        Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofMinutes(2), Duration.ofSeconds(10), 50), Duration.ofSeconds(10));
    }

    @Test
    void caseNumbersHaveFourDigitsOfYearAndSixOfNumber() {
        assertThat(CaseNumbers.format(2026, 123)).isEqualTo("2026-000123");
        assertThat(CaseNumbers.format(2027, 1_234_567)).isEqualTo("2027-1234567");
    }
}
