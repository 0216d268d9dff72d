package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpeningHoursTests {

    // 2025-06-01 is a Sunday.
    private static final LocalDateTime SUNDAY_3AM = LocalDateTime.of(2025, 6, 1, 3, 0);

    private static OpeningHours hours(String... ranges) {
        return new OpeningHours(false, List.of(ranges).stream().map(OpeningHours::parseRange).toList());
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            daily 10:00-22:00    | 2025-06-01T09:59 | false
            daily 10:00-22:00    | 2025-06-01T10:00 | true
            daily 10:00-22:00    | 2025-06-01T21:59 | true
            daily 10:00-22:00    | 2025-06-01T22:00 | false
            mon-fri 09:00-17:00  | 2025-06-02T09:00 | true
            mon-fri 09:00-17:00  | 2025-06-01T12:00 | false
            sat,sun 10:00-16:00  | 2025-05-31T12:00 | true
            sat,sun 10:00-16:00  | 2025-06-02T12:00 | false
            fri 22:00-06:00      | 2025-05-30T23:30 | true
            fri 22:00-06:00      | 2025-05-31T05:59 | true
            fri 22:00-06:00      | 2025-05-31T06:00 | false
            fri 22:00-06:00      | 2025-05-29T23:30 | false
            sun 20:00-24:00      | 2025-06-01T23:59 | true
            fri-mon 08:00-09:00  | 2025-06-01T08:30 | true
            fri-mon 08:00-09:00  | 2025-06-03T08:30 | false
            """)
    void answersInsideItsRangesOnly(String range, LocalDateTime time, boolean open) {
        assertThat(hours(range).isOpenAt(time)).isEqualTo(open);
    }

    @Test
    void twentyFourHoursIsAlwaysOpenAndUnknownNever() {
        assertThat(OpeningHours.ALWAYS.isOpenAt(SUNDAY_3AM)).isTrue();
        assertThat(OpeningHours.UNKNOWN.isOpenAt(SUNDAY_3AM)).isFalse();
        assertThat(OpeningHours.UNKNOWN.isOpenAt(SUNDAY_3AM.withHour(12))).isFalse();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            daily 10:00-22:00                    | 毎日 10:00〜22:00
            mon-fri 09:00-17:15                  | 月〜金 9:00〜17:15
            sat,sun 10:00-16:00                  | 土・日 10:00〜16:00
            mon,wed,fri 13:00-24:00              | 月・水・金 13:00〜24:00
            """)
    void describesItselfInPlainJapanese(String range, String described) {
        assertThat(hours(range).describe()).isEqualTo(described);
        assertThat(OpeningHours.ALWAYS.describe()).isEqualTo("24時間");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10:00-22:00", "daily 10-22", "everyday 10:00-22:00", "mon-fri 25:00-26:00",
            "mon-fri 09:00-09:00", "mon-fri 09:60-10:00", "mon-fri-sat 09:00-10:00", "月-金 09:00-17:00"})
    void refusesWhatItCannotRead(String range) {
        assertThatThrownBy(() -> OpeningHours.parseRange(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(range);
    }
}
