package jp.soudan.iriguchi.referral;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * When the resident may expect the desk to get in touch, from the desk's hours: a phrase that
 * completes "…の相談員から、<em>＿＿</em>連絡があります。" (the dialogue's sentence), e.g.
 * "あした（木曜日）の午前中に".
 *
 * <p>An ordinary request that arrives in the last hour of the day is promised for the next working
 * morning, so that a late ticket does not make a promise the desk cannot keep; an urgent one is
 * promised "このあとすぐに" while the desk is open, else for the moment it opens.
 */
final class ContactPromise {

    /** An ordinary request arriving later than this before closing is promised for the next working day. */
    static final Duration LATE_IN_THE_DAY = Duration.ofHours(1);

    private ContactPromise() {
    }

    /** The phrase, for the earliest of the given desks' hours. */
    static String describe(List<OpeningHours> desks, Urgency urgency, Instant now) {
        return desks.stream()
                .map(hours -> firstReading(hours, urgency, now).map(when -> new Reading(hours, when)))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(Reading::when))
                .map(reading -> sentence(reading, urgency, now))
                .orElse("窓口が開いたら");
    }

    private record Reading(OpeningHours hours, ZonedDateTime when) {
    }

    /** When a person will first read a ticket opened now: now, or the opening the promise points to. */
    static Optional<ZonedDateTime> firstReading(OpeningHours hours, Urgency urgency, Instant now) {
        ZonedDateTime local = now.atZone(hours.zone());
        if (hours.isOpenAt(local)) {
            boolean timeLeftToday = !local.plus(LATE_IN_THE_DAY).isAfter(hours.closingOn(local.toLocalDate()));
            if (urgency == Urgency.URGENT || timeLeftToday) {
                return Optional.of(local);
            }
            return hours.nextOpeningAfter(hours.closingOn(local.toLocalDate()));
        }
        return hours.nextOpeningAfter(local);
    }

    private static String sentence(Reading reading, Urgency urgency, Instant now) {
        OpeningHours hours = reading.hours();
        ZonedDateTime local = now.atZone(hours.zone());
        ZonedDateTime when = reading.when();
        if (!when.isAfter(local)) {
            return urgency == Urgency.URGENT
                    ? "このあとすぐに"
                    : "きょうの" + time(hours.close()) + "までに";
        }
        String day = day(when.toLocalDate(), local.toLocalDate());
        if (urgency == Urgency.URGENT) {
            return day + "の" + time(hours.open()) + "、窓口が開いたらすぐに";
        }
        if (hours.open().isBefore(LocalTime.NOON)) {
            return day + "の午前中に";
        }
        return day + "の" + time(hours.open()) + "すぎに";
    }

    /** きょう / あした（火曜日） / あさって（水曜日） / 12月1日（月曜日）. */
    static String day(LocalDate date, LocalDate today) {
        if (date.equals(today)) {
            return "きょう";
        }
        String weekday = "（" + weekday(date.getDayOfWeek()) + "）";
        if (date.equals(today.plusDays(1))) {
            return "あした" + weekday;
        }
        if (date.equals(today.plusDays(2))) {
            return "あさって" + weekday;
        }
        return date.getMonthValue() + "月" + date.getDayOfMonth() + "日" + weekday;
    }

    /** 8時30分, 17時. */
    static String time(LocalTime time) {
        return time.getMinute() == 0 ? time.getHour() + "時" : time.getHour() + "時" + time.getMinute() + "分";
    }

    private static String weekday(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.JAPANESE);
    }
}
