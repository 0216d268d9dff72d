package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One-time codes as authenticator apps make them (RFC 6238, SHA-1, 6 digits, 30 s). */
class TotpCodesTests {

    /** RFC 6238's SHA-1 test key "12345678901234567890", in Base32. */
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest(name = "t={0} → {1}")
    @CsvSource({
            "59, 287082",
            "1111111109, 081804",
            "1111111111, 050471",
            "1234567890, 005924",
            "2000000000, 279037",
            "20000000000, 353130"})
    void codesMatchTheRfcTestVectors(long epochSecond, String code) {
        TotpCodes totp = at(epochSecond);

        assertThat(totp.codeAt(RFC_SECRET, totp.currentStep())).isEqualTo(code);
        assertThat(totp.verify(RFC_SECRET, code)).hasValue(totp.currentStep());
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedForAPhoneClockThatDrifts() {
        TotpCodes totp = at(1_111_111_111L);
        long now = totp.currentStep();

        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, now - 1))).hasValue(now - 1);
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, now + 1))).hasValue(now + 1);
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, now - 2))).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, now + 2))).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(value = {"''", "'12345'", "'1234567'", "'abcdef'", "'05 04 71x'", "'000000'"}, emptyValue = "")
    void malformedOrWrongCodesAreRefused(String code) {
        assertThat(at(1_111_111_111L).verify(RFC_SECRET, code)).isEmpty();
    }

    @Test
    void spacesInATypedCodeAreIgnored() {
        assertThat(at(1_111_111_111L).verify(RFC_SECRET, "050 471")).isPresent();
    }

    @Test
    void newSecretsAreBase32AndDifferEachTime() {
        TotpCodes totp = at(0);
        String first = totp.newSecret();

        assertThat(first).matches("[A-Z2-7]{32}");
        assertThat(totp.newSecret()).isNotEqualTo(first);
        assertThat(totp.qrCodeDataUri("相談の入口", "sato", first)).startsWith("data:image/png;base64,");
    }

    private static TotpCodes at(long epochSecond) {
        return new TotpCodes(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }
}
