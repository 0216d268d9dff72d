/**
 * Test kit for the LINE channel: a fake LINE Messaging API and webhook builders, both checked
 * against LINE's own OpenAPI documents (src/test/resources/line-openapi, from line/line-openapi).
 *
 * <ul>
 *   <li>{@link jp.soudan.iriguchi.testkit.FakeLineApi}: HTTP server for reply / push /
 *       showLoadingAnimation; records requests ({@link jp.soudan.iriguchi.testkit.RecordedRequest}),
 *       plays scripted {@link jp.soudan.iriguchi.testkit.Fault}s per
 *       {@link jp.soudan.iriguchi.testkit.Endpoint}, refuses repeated retry keys and reply tokens
 *       as LINE does, and lists every request LINE would reject in {@code violations()}.</li>
 *   <li>{@link jp.soudan.iriguchi.testkit.LineLimits}: LINE's documented limits the schema lacks.</li>
 *   <li>{@link jp.soudan.iriguchi.testkit.Webhooks} / {@link jp.soudan.iriguchi.testkit.WebhookEvent}:
 *       webhook bodies as LINE sends them, and their {@code x-line-signature}.</li>
 *   <li>{@link jp.soudan.iriguchi.testkit.Prometheus}: one scrape of {@code /actuator/prometheus}
 *       over HTTP, and the value of a series by name and labels.</li>
 * </ul>
 *
 * <p>What messaging-api.yml enforces (checked by swagger-request-validator): required fields
 * (replyToken, to, messages, text of a text message, altText/contents of flex, chatId), message
 * and action types (discriminators: an unknown {@code type} is caught), 1–5 messages per
 * reply/push, ≤ 13 quick reply items, postback data ≤ 300, loadingSeconds 5–60,
 * {@code X-Line-Retry-Key} a UUID, the bearer token present. What it does NOT encode, so
 * {@code LineLimits} checks it: text ≤ 5000 and not empty, altText ≤ 1500 (template 400) and
 * not empty, quick reply label present and ≤ 20, postback displayText / message action text
 * ≤ 300, loadingSeconds a multiple of 5. Not checked at all: unknown (misspelt) properties,
 * flex contents beyond their types, the 24h lifetime of retry keys, reply token expiry.
 *
 * <p>Two adjustments make the documents usable by the validator (see {@code LineOpenApi}):
 * discriminator properties are marked required (LINE requires them anyway), and the
 * validator's injection of {@code additionalProperties: false} is switched off (it breaks
 * LINE's {@code allOf} subtypes).
 */
package jp.soudan.iriguchi.testkit;
