package jp.soudan.iriguchi.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * When a desk reads its tickets: the same hours on each working day, closed on listed dates.
 *
 * @param days the working weekdays
 * @param open opening time
 * @param close closing time (after {@code open})
 * @param closedDates holidays and breaks
 * @param zone the desk's time zone
 */
record OpeningHours(Set<DayOfWeek> days, LocalTime open, LocalTime close, Set<LocalDate> closedDates, ZoneId zone) {

    /** Looking further ahead than this for an opening means the configuration closes the desk for good. */
    private static final int DAYS_AHEAD = 60;

    OpeningHours {
        days = Set.copyOf(days);
        closedDates = Set.copyOf(closedDates);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("opening hours need at least one working day");
        }
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("a desk must open (" + open + ") before it closes (" + close + ")");
        }
    }

    boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !closedDates.contains(date);
    }

    boolean isOpenAt(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        LocalTime clock = local.toLocalTime();
        return isWorkingDay(local.toLocalDate()) && !clock.isBefore(open) && clock.isBefore(close);
    }

    /** The first opening strictly after {@code time} (today's, if the desk has not opened yet). */
    Optional<ZonedDateTime> nextOpeningAfter(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        for (int i = 0; i <= DAYS_AHEAD; i++) {
            LocalDate day = date.plusDays(i);
            ZonedDateTime opening = day.atTime(open).atZone(zone);
            if (isWorkingDay(day) && opening.isAfter(local)) {
                return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    ZonedDateTime closingOn(LocalDate date) {
        return date.atTime(close).atZone(zone);
    }
}
