package jp.soudan.iriguchi.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Where the keys come from: configuration (production) or, for the development default, files
 * generated once under {@code ./data/keys} and announced in the log.
 */
final class KeyMaterial {

    private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);
    static final String CONTENT_KEYSET_FILE = "content-keyset.json";
    static final String PSEUDONYM_KEY_FILE = "pseudonym.key";

    private KeyMaterial() {
    }

    static KeysetHandle contentKeyset(PrivacySettings settings) {
        try {
            AeadConfig.register();
            if (settings.contentKeyset() != null && !settings.contentKeyset().isBlank()) {
                return TinkJsonProtoKeysetFormat.parseKeyset(settings.contentKeyset(), InsecureSecretKeyAccess.get());
            }
            Path file = settings.keyDirectory().resolve(CONTENT_KEYSET_FILE);
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            requireDevelopmentKeys(settings, "iriguchi.privacy.content-keyset");
            KeysetHandle generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            writeSecret(file, TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()));
            log.warn("Generated a development content-encryption key at {}. Production must configure "
                    + "iriguchi.privacy.content-keyset (see PRIVACY.md).", file.toAbsolutePath());
            return generated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The content-encryption keyset cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The content-encryption keyset cannot be read or written", e);
        }
    }

    static byte[] pseudonymKey(PrivacySettings settings) {
        try {
            if (settings.pseudonymKey() != null && !settings.pseudonymKey().isBlank()) {
                return checkedKey(Base64.getDecoder().decode(settings.pseudonymKey().trim()));
            }
            Path file = settings.keyDirectory().resolve(PSEUDONYM_KEY_FILE);
            if (Files.exists(file)) {
                return checkedKey(Base64.getDecoder().decode(Files.readString(file).trim()));
            }
            requireDevelopmentKeys(settings, "iriguchi.privacy.pseudonym-key");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            writeSecret(file, Base64.getEncoder().encodeToString(key));
            log.warn("Generated a development pseudonym key at {}. Production must configure "
                    + "iriguchi.privacy.pseudonym-key (see PRIVACY.md).", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("The pseudonym key cannot be read or written", e);
        }
    }

    private static byte[] checkedKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalStateException("The pseudonym key must be at least 32 bytes (Base64 of 32 random bytes)");
        }
        return key;
    }

    private static void requireDevelopmentKeys(PrivacySettings settings, String property) {
        if (!settings.generateDevelopmentKeys()) {
            throw new IllegalStateException("No key configured: set " + property
                    + " (development keys are switched off by iriguchi.privacy.generate-development-keys=false)");
        }
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".key", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // On a file system without POSIX permissions the directory's protection has to do.
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
