package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/** When a resident may expect contact, from the desk's hours: the phrase the dialogue puts into its sentence. */
class ContactPromiseTests {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    /** Wednesday 2026-11-25; Monday 2026-11-23 is a holiday (勤労感謝の日). */
    static final OpeningHours OFFICE = new OpeningHours(WEEKDAYS, LocalTime.of(8, 30), LocalTime.of(17, 15),
            Set.of(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 29)), TOKYO);

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25T10:00 | NORMAL | きょうの17時15分までに
            2026-11-25T10:00 | SOON   | きょうの17時15分までに
            2026-11-25T10:00 | URGENT | このあとすぐに
            2026-11-25T16:30 | NORMAL | あした（木曜日）の午前中に
            2026-11-25T16:30 | URGENT | このあとすぐに
            2026-11-25T16:15 | NORMAL | きょうの17時15分までに
            2026-11-25T07:00 | NORMAL | きょうの午前中に
            2026-11-25T07:00 | URGENT | きょうの8時30分、窓口が開いたらすぐに
            2026-11-25T20:00 | NORMAL | あした（木曜日）の午前中に
            2026-11-25T20:00 | URGENT | あした（木曜日）の8時30分、窓口が開いたらすぐに
            2026-11-27T18:00 | NORMAL | 11月30日（月曜日）の午前中に
            2026-11-28T09:00 | NORMAL | あさって（月曜日）の午前中に
            2026-11-21T12:00 | NORMAL | 11月24日（火曜日）の午前中に
            2026-11-25T17:15 | URGENT | あした（木曜日）の8時30分、窓口が開いたらすぐに
            """)
    void theSentenceFollowsTheDesksHours(LocalDateTime localNow, Urgency urgency, String expected) {
        assertThat(ContactPromise.describe(List.of(OFFICE), urgency, at(localNow))).isEqualTo(expected);
    }

    @Test
    void aDeskOpeningInTheAfternoonIsPromisedForItsOpeningTime() {
        OpeningHours afternoons = new OpeningHours(WEEKDAYS, LocalTime.of(13, 0), LocalTime.of(18, 0), Set.of(), TOKYO);

        assertThat(ContactPromise.describe(List.of(afternoons), Urgency.NORMAL, at(LocalDateTime.of(2026, 11, 25, 19, 0))))
                .isEqualTo("あした（木曜日）の13時すぎに");
    }

    @Test
    void anUrgentTicketIsPromisedForWhicheverDeskReadsItFirst() {
        OpeningHours saturdays = new OpeningHours(Set.of(DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(), TOKYO);
        Instant fridayNight = at(LocalDateTime.of(2026, 11, 27, 22, 0));

        assertThat(ContactPromise.describe(List.of(OFFICE, saturdays), Urgency.URGENT, fridayNight))
                .isEqualTo("あした（土曜日）の9時、窓口が開いたらすぐに");
    }

    @Test
    void aDeskThatNeverOpensPromisesNoDate() {
        OpeningHours closedForGood = new OpeningHours(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(10, 0),
                java.util.stream.IntStream.range(0, 100).mapToObj(i -> LocalDate.of(2026, 11, 30).plusWeeks(i))
                        .collect(java.util.stream.Collectors.toSet()), TOKYO);

        assertThat(ContactPromise.describe(List.of(closedForGood), Urgency.NORMAL, at(LocalDateTime.of(2026, 11, 25, 10, 0))))
                .isEqualTo("窓口が開いたら");
    }

    @Test
    void openingHoursRefuseADeskThatClosesBeforeItOpensOrNeverWorks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OpeningHours(WEEKDAYS, LocalTime.of(17, 0),
                LocalTime.of(9, 0), Set.of(), TOKYO)).hasMessageContaining("before it closes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OpeningHours(Set.of(), LocalTime.of(9, 0),
                LocalTime.of(17, 0), Set.of(), TOKYO)).hasMessageContaining("working day");
    }

    private static Instant at(LocalDateTime local) {
        return local.atZone(TOKYO).toInstant();
    }
}
