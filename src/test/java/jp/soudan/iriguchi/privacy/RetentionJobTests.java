package jp.soudan.iriguchi.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetentionJobTests {

    private final Instant now = Instant.parse("2026-11-23T03:00:00Z");

    @Test
    void eachKindIsPurgedAtItsOwnCutoffAndCountsAreReported() {
        RecordingData events = new RecordingData("line.inbound-events", 4);
        RecordingData tickets = new RecordingData("referral.closed-tickets", 1);
        RetentionJob job = new RetentionJob(List.of(events, tickets),
                new RetentionSettings(Map.of("line.inbound-events", Duration.ofHours(24),
                        "referral.closed-tickets", Duration.ofDays(365 * 5)), "0 17 * * * *"),
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(job.run()).containsExactly(Map.entry("line.inbound-events", 4), Map.entry("referral.closed-tickets", 1));
        assertThat(events.cutoffs).containsExactly(now.minus(Duration.ofHours(24)));
        assertThat(tickets.cutoffs).containsExactly(now.minus(Duration.ofDays(365 * 5)));
    }

    @Test
    void aKindWithoutAConfiguredPeriodIsKeptAndTheOthersStillRun() {
        RecordingData unconfigured = new RecordingData("dialogue.transcripts", 9);
        RecordingData failing = new RecordingData("line.outbox", -1);
        RecordingData configured = new RecordingData("line.inbound-events", 2);
        RetentionJob job = new RetentionJob(List.of(unconfigured, failing, configured),
                new RetentionSettings(Map.of("line.inbound-events", Duration.ofHours(1), "line.outbox", Duration.ofDays(7)),
                        "0 17 * * * *"),
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(job.run()).containsExactly(Map.entry("line.inbound-events", 2));
        assertThat(unconfigured.cutoffs).isEmpty();
    }

    @Test
    void erasureAsksEveryKindAndReportsWhatWasKept() {
        RecordingData events = new RecordingData("line.inbound-events", 3);
        PersonalData tickets = new RecordingData("referral.tickets", 0) {
            @Override
            public ErasedData eraseSubject(String subject) {
                return new ErasedData(kind(), 0, 1, "相談の記録は窓口が5年間保管します（あなたとLINEのつながりは消しました）");
            }
        };

        List<ErasedData> report = new SubjectErasure(List.of(events, tickets)).eraseEverythingAbout("subject-1");

        assertThat(report).extracting(ErasedData::kind, ErasedData::removed, ErasedData::kept)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("line.inbound-events", 3, 0),
                        org.assertj.core.groups.Tuple.tuple("referral.tickets", 0, 1));
        assertThat(events.erased).containsExactly("subject-1");
    }

    static class RecordingData implements PersonalData {
        final String kind;
        final int count;
        final List<Instant> cutoffs = new ArrayList<>();
        final List<String> erased = new ArrayList<>();

        RecordingData(String kind, int count) {
            this.kind = kind;
            this.count = count;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public int purgeOlderThan(Instant cutoff) {
            if (count < 0) {
                throw new IllegalStateException("database unavailable");
            }
            cutoffs.add(cutoff);
            return count;
        }

        @Override
        public ErasedData eraseSubject(String subject) {
            erased.add(subject);
            return ErasedData.removed(kind, count);
        }
    }
}
