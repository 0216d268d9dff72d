package jp.soudan.iriguchi.safety;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes the reply to a message that signals danger: a short, kind first line for the most
 * urgent kind, the telephone lines that fit the kinds and answer now (110/119 first), the
 * optional "when a person will read this" sentence of the desk, and an invitation to go on
 * talking. Wording and lines come from {@code safety.hotlines-file}; "now" from the injected
 * {@link Clock} (the system clock when the application defines none), in the file's time zone.
 */
@Component
public final class CrisisReplies {

    private static final Logger log = LoggerFactory.getLogger(CrisisReplies.class);

    private final HotlineBook book;
    private final Clock clock;

    @Autowired
    CrisisReplies(SafetySettings settings, ObjectProvider<Clock> clock) {
        this(HotlineBook.load(settings.hotlinesFile()), clock.getIfAvailable(Clock::systemDefaultZone));
        List<String> unverified = book.unverified().stream().map(HotlineBook.Line::name).toList();
        if (!unverified.isEmpty()) {
            log.warn("{}: the city has not yet verified the number or hours of {}; verify them before going live",
                    settings.hotlinesFile(), unverified);
        }
    }

    CrisisReplies(HotlineBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** The crisis reply for a message that signals danger. */
    public CrisisReply replyTo(CrisisAssessment assessment) {
        return replyTo(assessment, null);
    }

    /**
     * The crisis reply for a message that signals danger.
     *
     * @param whenAPersonWillRead the desk's sentence saying when a person will read the message
     *                            (e.g. outside desk hours), placed before the closing; may be null
     * @throws IllegalArgumentException when the assessment signals no danger
     */
    public CrisisReply replyTo(CrisisAssessment assessment, @Nullable String whenAPersonWillRead) {
        if (!assessment.isCrisis()) {
            throw new IllegalArgumentException("no crisis in this assessment: answer it the ordinary way");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(book.zone()));
        List<HotlineBook.Line> open = book.lines().stream()
                .filter(line -> line.kinds().stream().anyMatch(assessment.kinds()::contains))
                .filter(line -> line.hours().isOpenAt(now))
                .sorted(Comparator.comparing(line -> !line.dangerNow()))
                .limit(book.maxLines())
                .toList();

        CrisisKind mostUrgent = assessment.kinds().iterator().next();
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(book.wording().firstLines().get(mostUrgent));
        if (!open.isEmpty()) {
            StringBuilder list = new StringBuilder(book.wording().linesIntro());
            for (HotlineBook.Line line : open) {
                list.append('\n').append(listItem(line));
            }
            paragraphs.add(list.toString());
        }
        if (whenAPersonWillRead != null && !whenAPersonWillRead.isBlank()) {
            paragraphs.add(whenAPersonWillRead.strip());
        }
        paragraphs.add(book.wording().closing());
        return new CrisisReply(String.join("\n\n", paragraphs),
                open.stream().map(HotlineBook.Line::toHotline).toList());
    }

    private static String listItem(HotlineBook.Line line) {
        String hours = line.hours().describe() + (line.free() ? "・無料" : "");
        return "・" + line.name() + " " + line.number() + "（" + hours + "）"
                + (line.note() == null ? "" : " " + line.note());
    }
}
