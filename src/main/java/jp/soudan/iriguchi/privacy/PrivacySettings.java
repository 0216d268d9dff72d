package jp.soudan.iriguchi.privacy;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys for encryption at rest and pseudonyms ({@code iriguchi.privacy.*}). Never logged: the
 * record's {@code toString} is overridden, since it may hold key material.
 *
 * @param contentKeyset the Tink keyset (JSON) for content encryption; in production from the
 *        environment ({@code IRIGUCHI_PRIVACY_CONTENT_KEYSET}) or a secret store
 * @param pseudonymKey the HMAC key of pseudonyms, Base64 (at least 32 bytes); in production from
 *        the environment ({@code IRIGUCHI_PRIVACY_PSEUDONYM_KEY})
 * @param keyDirectory where the development default keeps generated keys
 * @param generateDevelopmentKeys whether keys may be generated into {@code keyDirectory} when
 *        none are configured; switch off in production so that a missing key stops start-up
 *        instead of silently creating a new one that cannot read the old data
 */
@Validated
@ConfigurationProperties("iriguchi.privacy")
record PrivacySettings(
        @Nullable String contentKeyset,
        @Nullable String pseudonymKey,
        @DefaultValue("data/keys") Path keyDirectory,
        @DefaultValue("true") boolean generateDevelopmentKeys) {

    @Override
    public String toString() {
        return "PrivacySettings[keyDirectory=" + keyDirectory + ", generateDevelopmentKeys=" + generateDevelopmentKeys + "]";
    }
}
