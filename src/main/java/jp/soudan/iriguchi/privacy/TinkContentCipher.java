package jp.soudan.iriguchi.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

/**
 * {@link ContentCipher} with a Tink AES-256-GCM keyset.
 *
 * <p>Sealing runs on two reused platform threads when called from a virtual thread. Tink draws its
 * nonces from a {@code SecureRandom} kept per thread, and creating one first looks for Conscrypt by
 * reflection; webhook requests and conversation turns each run on a new virtual thread, so every
 * seal paid for a new generator and a failed class lookup in the nested jar: a tenth of the bot's
 * CPU at 500 events/s. Opening needs no randomness and stays on the caller's thread.
 */
@Component
class TinkContentCipher implements ContentCipher, DisposableBean {

    /** Marks the format, so that a later change of scheme can tell old values apart. */
    private static final String PREFIX = "t1:";

    private final Aead aead;
    private final int primaryKeyId;
    private final ExecutorService sealingThreads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("content-sealer-", 1).daemon(true).factory());

    @Autowired
    TinkContentCipher(PrivacySettings settings) {
        this(KeyMaterial.contentKeyset(settings));
    }

    TinkContentCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryKeyId = keyset.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The content-encryption keyset is not an AEAD keyset", e);
        }
    }

    @Override
    public String seal(String plaintext, String purpose) {
        if (!Thread.currentThread().isVirtual()) {
            return encrypt(plaintext, purpose);
        }
        try {
            return CompletableFuture.supplyAsync(() -> encrypt(plaintext, purpose), sealingThreads).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private String encrypt(String plaintext, String purpose) {
        try {
            byte[] sealed = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), purpose.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    @Override
    public String open(String sealed, String purpose) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a sealed value");
        }
        try {
            byte[] plain = aead.decrypt(Base64.getDecoder().decode(sealed.substring(PREFIX.length())),
                    purpose.getBytes(StandardCharsets.UTF_8));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value could not be opened (altered, or sealed for another purpose or key)");
        }
    }

    @Override
    public boolean sealedWithOldKey(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        // Tink's output prefix: one version byte, then the id of the key that sealed it.
        return bytes.length < 5 || ByteBuffer.wrap(bytes, 1, 4).getInt() != primaryKeyId;
    }

    @Override
    public void destroy() {
        sealingThreads.shutdown();
    }
}
