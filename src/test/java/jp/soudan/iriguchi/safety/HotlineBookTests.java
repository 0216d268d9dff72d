package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HotlineBookTests {

    static final Path HOTLINES = Path.of("config/safety/hotlines.yaml");

    @Test
    void theCitysFileLoadsWithTheNationalLines() {
        HotlineBook book = HotlineBook.load(HOTLINES);
        assertThat(book.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(book.lines()).extracting(HotlineBook.Line::number)
                .contains("110", "119", "189", "#8008", "0120-279-889", "0120-279-338", "0570-064-556",
                        "0120-0-78310", "0570-783-556", "0120-061-338");
        assertThat(book.lines()).filteredOn(HotlineBook.Line::dangerNow)
                .extracting(HotlineBook.Line::number).containsExactly("110", "119");
    }

    @Test
    void linesWhoseHoursAreNotKnownAreMarkedForTheCityToVerify() {
        HotlineBook book = HotlineBook.load(HOTLINES);
        assertThat(book.lines()).filteredOn(line -> !line.hours().isKnown())
                .isNotEmpty()
                .allMatch(HotlineBook.Line::verify);
    }

    private static final String WORDING = """
            time_zone: Asia/Tokyo
            reply:
              first_line:
                immediate-danger: a
                suicide-self-harm: b
                child-abuse-neglect: c
                violence-dv: d
              lines_intro: e
              closing: f
            """;

    private static final String ALWAYS_LINE = """
              - name: よりそいホットライン
                number: 0120-279-338
                hours: 24h
                kinds: [suicide-self-harm, violence-dv, child-abuse-neglect, immediate-danger]
                for: anyone
            """;

    record Broken(String what, String yaml, int line, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                new Broken("bad hours", WORDING + "lines:\n" + ALWAYS_LINE + """
                          - name: x
                            number: "110"
                            hours: [weekdays 9-5]
                            kinds: [violence-dv]
                            for: anyone
                        """, 18, "'weekdays 9-5' is not an opening time"),
                new Broken("unknown kind", WORDING + "lines:\n" + ALWAYS_LINE + """
                          - name: x
                            number: "110"
                            hours: 24h
                            kinds: [dv]
                            for: anyone
                        """, 19, "unknown kind 'dv'"),
                new Broken("number with words", WORDING + "lines:\n" + ALWAYS_LINE + """
                          - name: x
                            number: 110番
                            hours: 24h
                            kinds: [violence-dv]
                            for: anyone
                        """, 17, "number '110番'"),
                new Broken("unknown audience", WORDING + "lines:\n" + ALWAYS_LINE + """
                          - name: x
                            number: "110"
                            hours: 24h
                            kinds: [violence-dv]
                            for: kids
                        """, 20, "for: 'kids' is not one of"),
                new Broken("a kind with no line at night", WORDING + """
                        lines:
                          - name: x
                            number: "110"
                            hours: daily 09:00-17:00
                            kinds: [suicide-self-harm, violence-dv, child-abuse-neglect, immediate-danger]
                            for: anyone
                        """, 11, "no line for immediate-danger answers at all hours"),
                new Broken("a kind with no first line", """
                        time_zone: Asia/Tokyo
                        reply:
                          first_line:
                            immediate-danger: a
                          lines_intro: e
                          closing: f
                        lines:
                        """ + ALWAYS_LINE, 4, "first_line has no line for suicide-self-harm"),
                new Broken("bad time zone", WORDING.replace("Asia/Tokyo", "Japan/Osaka") + "lines:\n" + ALWAYS_LINE,
                        1, "time_zone is not a time zone"),
                new Broken("misspelt key", WORDING + "lines:\n" + ALWAYS_LINE.replace("for: anyone", "for: anyone\n    verfy: true"),
                        16, "unknown key 'verfy'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsReportedWithItsLine(Broken broken) {
        assertThatThrownBy(() -> HotlineBook.parse(broken.yaml(), "hotlines.yaml"))
                .isInstanceOfSatisfying(SafetyFileException.class, e -> {
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(broken.line());
                    assertThat(e.getMessage()).startsWith("hotlines.yaml:" + broken.line() + ": ").contains(broken.message());
                });
    }
}
