package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CrisisRepliesTests {

    private static final HotlineBook BOOK = HotlineBook.load(HotlineBookTests.HOTLINES);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** A clock in UTC on purpose: the reply must use the file's time zone, not the clock's. */
    private static CrisisReplies at(int year, int month, int day, int hour, int minute) {
        Instant instant = ZonedDateTime.of(year, month, day, hour, minute, 0, 0, TOKYO).toInstant();
        return new CrisisReplies(BOOK, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static CrisisReplies sunday3am() {
        return at(2025, 6, 1, 3, 0); // a Sunday
    }

    private static CrisisReplies wednesday3pm() {
        return at(2025, 6, 4, 15, 0);
    }

    private static List<String> names(CrisisReply reply) {
        return reply.linesOpenNow().stream().map(Hotline::name).toList();
    }

    @Test
    void atThreeOnSundayMorningListsOnlyLinesThatAnswerAllNight() {
        CrisisReply reply = sunday3am().replyTo(CrisisAssessment.of(CrisisKind.SUICIDE_SELF_HARM));

        assertThat(reply.linesOpenNow()).isNotEmpty().allMatch(line -> line.hours().equals("24時間"));
        assertThat(names(reply)).contains("よりそいホットライン").doesNotContain("いのちの電話");
    }

    @Test
    void inTheAfternoonAlsoListsLinesWithOpeningHours() {
        CrisisReply reply = wednesday3pm().replyTo(CrisisAssessment.of(CrisisKind.SUICIDE_SELF_HARM));

        assertThat(names(reply)).contains("よりそいホットライン", "いのちの電話");
        assertThat(reply.text()).contains("0570-783-556（毎日 10:00〜22:00）");
    }

    @Test
    void listsOnlyLinesForTheKindsSignalled() {
        CrisisReply dv = wednesday3pm().replyTo(CrisisAssessment.of(CrisisKind.VIOLENCE_DV));
        CrisisReply child = wednesday3pm().replyTo(CrisisAssessment.of(CrisisKind.CHILD_ABUSE_NEGLECT));

        assertThat(names(dv)).contains("DV相談＋").doesNotContain("児童相談所虐待対応ダイヤル", "いのちの電話");
        assertThat(names(child)).contains("児童相談所虐待対応ダイヤル").doesNotContain("DV相談＋");
    }

    @Test
    void neverListsALineWhoseHoursAreUnknown() {
        for (CrisisKind kind : CrisisKind.values()) {
            assertThat(names(wednesday3pm().replyTo(CrisisAssessment.of(kind))))
                    .doesNotContain("こころの健康相談統一ダイヤル", "#いのちSOS", "DV相談ナビ");
        }
    }

    @Test
    void whenThereIsDangerNowPoliceAndAmbulanceComeFirst() {
        CrisisReply reply = sunday3am().replyTo(
                CrisisAssessment.of(CrisisKind.SUICIDE_SELF_HARM, CrisisKind.IMMEDIATE_DANGER));

        assertThat(reply.linesOpenNow()).extracting(Hotline::number).startsWith("110", "119");
        assertThat(reply.text().indexOf("110")).isLessThan(reply.text().indexOf("0120-279-338"));
    }

    @Test
    void startsKindlyForTheMostUrgentKindAndEndsByInvitingToGoOnTalking() {
        Set<String> firstLines = new HashSet<>();
        for (CrisisKind kind : CrisisKind.values()) {
            CrisisReply reply = wednesday3pm().replyTo(CrisisAssessment.of(kind));
            String firstLine = reply.text().lines().findFirst().orElseThrow();
            assertThat(firstLine).isEqualTo(BOOK.wording().firstLines().get(kind));
            assertThat(reply.text()).endsWith(BOOK.wording().closing());
            firstLines.add(firstLine);
        }
        assertThat(firstLines).as("a different first line per kind").hasSize(CrisisKind.values().length);

        CrisisReply both = wednesday3pm().replyTo(
                CrisisAssessment.of(CrisisKind.VIOLENCE_DV, CrisisKind.SUICIDE_SELF_HARM));
        assertThat(both.text()).startsWith(BOOK.wording().firstLines().get(CrisisKind.SUICIDE_SELF_HARM));
    }

    @Test
    void listsEveryLineItReturnsWithItsNumberAndHours() {
        CrisisReply reply = wednesday3pm().replyTo(CrisisAssessment.of(CrisisKind.CHILD_ABUSE_NEGLECT));
        for (Hotline line : reply.linesOpenNow()) {
            assertThat(reply.text()).contains("・" + line.name() + " " + line.number() + "（" + line.hours());
        }
    }

    @Test
    void putsTheDesksSentenceJustBeforeTheClosing() {
        String desk = "いまは窓口の時間外です。月曜日の朝9時に、担当の人がこのメッセージを読みます。";
        CrisisReply reply = sunday3am().replyTo(CrisisAssessment.of(CrisisKind.VIOLENCE_DV), desk);

        assertThat(reply.text()).endsWith(desk + "\n\n" + BOOK.wording().closing());
        assertThat(sunday3am().replyTo(CrisisAssessment.of(CrisisKind.VIOLENCE_DV), "  ").text())
                .isEqualTo(sunday3am().replyTo(CrisisAssessment.of(CrisisKind.VIOLENCE_DV)).text());
    }

    @Test
    void staysShortForEveryCombinationOfKindsAtEveryHourOfTheWeek() {
        String desk = "いまは窓口の時間外です。月曜日の朝9時に、担当の人がこのメッセージを読みます。";
        int longest = 0;
        for (int mask = 1; mask < 1 << CrisisKind.values().length; mask++) {
            Set<CrisisKind> kinds = EnumSet.noneOf(CrisisKind.class);
            for (CrisisKind kind : CrisisKind.values()) {
                if ((mask & 1 << kind.ordinal()) != 0) {
                    kinds.add(kind);
                }
            }
            for (Duration offset = Duration.ZERO; offset.toDays() < 7; offset = offset.plusMinutes(30)) {
                Instant instant = ZonedDateTime.of(2025, 6, 2, 0, 0, 0, 0, TOKYO).toInstant().plus(offset);
                CrisisReply reply = new CrisisReplies(BOOK, Clock.fixed(instant, TOKYO))
                        .replyTo(new CrisisAssessment(kinds), desk);
                assertThat(reply.linesOpenNow()).isNotEmpty().hasSizeLessThanOrEqualTo(BOOK.maxLines());
                longest = Math.max(longest, reply.text().length());
            }
        }
        assertThat(longest).as("longest reply, in characters").isLessThan(500);
    }

    @Test
    void refusesAnAssessmentWithoutCrisis() {
        assertThatThrownBy(() -> sunday3am().replyTo(CrisisAssessment.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
