package jp.soudan.iriguchi.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Encryption at rest and pseudonyms. Inputs tried: a value sealed for another purpose, an altered
 * value, a value that is not sealed at all, a keyset after rotation, a missing key in production
 * mode, a pseudonym key shorter than 32 bytes.
 */
class PrivacyKeysTests {

    @TempDir
    Path keys;

    @Test
    void sealedTextOpensOnlyForItsPurposeAndUnaltered() {
        ContentCipher cipher = new TinkContentCipher(settings(true));
        String sealed = cipher.seal("家族に知られたくない", "ticket.story");

        assertThat(sealed).doesNotContain("家族").startsWith("t1:");
        assertThat(cipher.open(sealed, "ticket.story")).isEqualTo("家族に知られたくない");
        assertThatIllegalStateException().isThrownBy(() -> cipher.open(sealed, "inbound_event.payload"));
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatIllegalStateException().isThrownBy(() -> cipher.open(altered, "ticket.story"));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> cipher.open("plain text", "ticket.story"));
    }

    @Test
    void sealingTheSameTextTwiceGivesDifferentValues() {
        ContentCipher cipher = new TinkContentCipher(settings(true));
        assertThat(cipher.seal("同じ", "p")).isNotEqualTo(cipher.seal("同じ", "p"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreRecognisedAsOld() throws Exception {
        AeadConfig.register();
        KeysetHandle original = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String old = new TinkContentCipher(original).seal("前の鍵で", "p");
        KeysetHandle rotated = KeysetHandle.newBuilder(original)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        ContentCipher cipher = new TinkContentCipher(TinkJsonProtoKeysetFormat.parseKeyset(
                TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get()), InsecureSecretKeyAccess.get()));

        assertThat(cipher.open(old, "p")).isEqualTo("前の鍵で");
        assertThat(cipher.sealedWithOldKey(old)).isTrue();
        assertThat(cipher.sealedWithOldKey(cipher.seal("新しい鍵で", "p"))).isFalse();
    }

    @Test
    void developmentKeysAreGeneratedOnceAndReused() throws Exception {
        ContentCipher first = new TinkContentCipher(settings(true));
        String sealed = first.seal("再起動しても読める", "p");
        Pseudonyms pseudonyms = new HmacPseudonyms(settings(true));
        String subject = pseudonyms.subjectOf("U0123");

        assertThat(Files.exists(keys.resolve(KeyMaterial.CONTENT_KEYSET_FILE))).isTrue();
        assertThat(new TinkContentCipher(settings(true)).open(sealed, "p")).isEqualTo("再起動しても読める");
        assertThat(new HmacPseudonyms(settings(true)).subjectOf("U0123")).isEqualTo(subject);
    }

    @Test
    void productionWithoutKeysRefusesToStartInsteadOfMakingNewOnes() {
        assertThatIllegalStateException().isThrownBy(() -> new TinkContentCipher(settings(false)))
                .withMessageContaining("iriguchi.privacy.content-keyset");
        assertThatIllegalStateException().isThrownBy(() -> new HmacPseudonyms(settings(false)))
                .withMessageContaining("iriguchi.privacy.pseudonym-key");
    }

    @Test
    void pseudonymsAreStablePerKeyAndRevealNothing() {
        byte[] key = new byte[32];
        key[0] = 1;
        Pseudonyms one = new HmacPseudonyms(key);
        Pseudonyms other = new HmacPseudonyms(new byte[32]);

        assertThat(one.subjectOf("Uabc")).isEqualTo(one.subjectOf("Uabc")).hasSize(43).doesNotContain("abc");
        assertThat(one.subjectOf("Uabc")).isNotEqualTo(one.subjectOf("Uabd")).isNotEqualTo(other.subjectOf("Uabc"));
        PrivacySettings shortKey = new PrivacySettings(null, Base64.getEncoder().encodeToString(new byte[16]), keys, true);
        assertThatIllegalStateException().isThrownBy(() -> new HmacPseudonyms(shortKey)).withMessageContaining("32 bytes");
    }

    @Test
    void settingsNeverPrintKeyMaterial() {
        PrivacySettings settings = new PrivacySettings("{\"secret\":1}", "c2VjcmV0", keys, true);
        assertThat(settings.toString()).doesNotContain("secret").doesNotContain("c2VjcmV0");
    }

    private PrivacySettings settings(boolean generate) {
        return new PrivacySettings(null, null, keys, generate);
    }
}
