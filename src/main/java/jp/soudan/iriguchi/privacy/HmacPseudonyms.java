package jp.soudan.iriguchi.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** {@link Pseudonyms} as HMAC-SHA256 of the LINE user id with a server key. */
@Component
class HmacPseudonyms implements Pseudonyms {

    private final SecretKeySpec key;

    @Autowired
    HmacPseudonyms(PrivacySettings settings) {
        this(KeyMaterial.pseudonymKey(settings));
    }

    HmacPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String subjectOf(String lineUserId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(lineUserId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
