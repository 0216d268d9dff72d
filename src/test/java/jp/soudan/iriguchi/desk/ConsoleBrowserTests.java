package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.Handoffs;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.Consent;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.TestSmtp;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * A staff member's day in headless Chromium: a resident writes to the bot through LINE's webhook,
 * the safety check opens an urgent ticket and its desk is mailed, the
 * staff member logs in with password and authenticator code, sees it first in the queue, answers
 * the resident (who receives a LINE push), sees the resident's answer appear without reloading,
 * and closes the ticket, which hands the resident back to the bot. Takes the screenshots in docs/.
 */
class ConsoleBrowserTests extends ConsoleTestSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String PASSWORD = "kokoro-staff-password";

    static WebDriver browser;
    static Path profile;

    @Autowired
    Handoffs handoffs;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=ja-JP", "--force-device-scale-factor=1", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1440, 1000));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void staffSeeTheUrgentTicketFirstAnswerTheResidentFollowTheConversationAndClose() throws IOException {
        String secret = account("kokoro-yamamoto", PASSWORD, Role.STAFF, Set.of("kokoro"), true);
        jdbc.sql("UPDATE staff_account SET display_name = '山本 さくら' WHERE username = 'kokoro-yamamoto'").update();
        // The kokoro desk's queue is this test's own; a crisis another test class sent in the same
        // application (its words route to kokoro too) is closed first, so the order of classes does not matter.
        jdbc.sql("UPDATE ticket SET status = 'CLOSED' WHERE (desk_id = 'kokoro' OR on_duty_desk_id = 'kokoro') AND status <> 'CLOSED'")
                .update();
        LineResident onLine = residentOnLine();
        ResidentId resident = onLine.id();
        String older = open(request(newResident(), List.of("hikikomori"), Urgency.NORMAL,
                "息子が3年ほど家から出られずにいます。親も年をとってきて、この先が心配です。"), Duration.ofHours(27));
        String soon = open(new ReferralRequest(newResident(), AboutWhom.SELF, List.of("isolation", "mental-health"),
                "引っこしてきてから話す人がいません。夜になると気分が落ちこみます。", null, List.of(), Urgency.SOON,
                "asked-for-a-person", ContactPreferences.lineOnly(), new Consent(true, true), "みどり南中学校区"), Duration.ofHours(3));
        // The resident writes to the bot (a signed webhook); the safety check answers and opens the urgent ticket.
        SignedPoster line = new SignedPoster(port, LINE_SECRET);
        assertThat(line.post(Webhooks.text(onLine.userId(),
                "仕事も家のこともうまくいかなくて、もう消えてしまいたいと思うことがあります。")).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM ticket WHERE subject = :s")
                .param("s", resident.value()).query(Long.class).single() == 1);
        String urgent = jdbc.sql("SELECT case_number FROM ticket WHERE subject = :s").param("s", resident.value())
                .query(String.class).single();
        // The welcome reply to the follow is a delivered reply too: wait for the one that names the ticket.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> fakeLine.deliveredReplies().stream()
                .anyMatch(reply -> reply.body().contains(urgent)));

        List<TestSmtp.Mail> mails = smtp.awaitAbout(urgent, 2, WAIT);
        assertThat(mails).extracting(TestSmtp.Mail::to)
                .containsExactlyInAnyOrder("kokoro@test.example.lg.jp", "sogo@test.example.lg.jp");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.subject() + mail.body())
                .startsWith("【至急】").doesNotContain("消えて", "家族"));

        browser.get(base() + "/desk");
        wait(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("kokoro-yamamoto");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("code")).sendKeys(totp.codeAt(secret, totp.currentStep()));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        wait(ExpectedConditions.urlContains("/desk/queue"));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.queue tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getText()).contains(urgent, "至急");
        assertThat(rows.get(1).getText()).contains(soon);
        assertThat(rows.get(2).getText()).contains(older, "1日");
        assertThat(browser.findElement(By.cssSelector(".urgent-banner")).getText()).contains("至急の相談が 1 件あります");

        rows.get(0).findElement(By.linkText(urgent)).click();
        wait(ExpectedConditions.urlContains("/desk/tickets/" + urgent));
        assertThat(browser.findElement(By.cssSelector(".words")).getText()).contains("消えてしまいたい");
        browser.findElement(By.id("claim")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-notice"), "担当になりました"));

        String answer = "保健所こころの健康相談の山本です。メッセージを読みました。いま、あなたは安全な場所にいますか？"
                + "よければ、いまの気持ちを少しだけ教えてください。";
        browser.findElement(By.id("reply-text")).sendKeys(answer);
        browser.findElement(By.id("send-reply")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-notice"), "相談者に送りました"));

        RecordedRequest push = awaitPush(onLine.userId(), "安全な場所にいますか", WAIT);
        assertThat(push.body()).contains("相談員が対応しています");
        assertThat(push.json().path("messages").get(0).path("altText").asText()).doesNotContain("安全");
        assertThat(handoffs.isActive(resident)).isTrue();

        // The resident's answer comes in as LINE sends it; the bot stays quiet and passes it to the console.
        line.post(Webhooks.text(onLine.userId(), "返事ありがとうございます。いまは自分の部屋にいます。少し落ちつきました。"));

        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "少し落ちつきました"));
        List<WebElement> messages = browser.findElements(By.cssSelector("#conversation .message"));
        assertThat(messages).extracting(WebElement::getText).last().asString().contains("相談者", "少し落ちつきました");
        browser.findElement(By.id("note-text")).sendKeys("夜間は家族が在宅。連絡は平日の昼にLINEで。");
        browser.findElement(By.cssSelector(".note-form button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-notice"), "メモを残しました"));
        line.post(Webhooks.text(onLine.userId(), "また話を聞いてもらえますか。"));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "また話を聞いて"));
        screenshot("docs/console-ticket.png", 1440, 1480);

        browser.get(base() + "/desk/queue");
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.queue")));
        assertThat(browser.findElements(By.cssSelector("table.queue tbody tr")).get(0).getText())
                .contains(urgent, "相談員対応中", "新しいメッセージ");
        screenshot("docs/console-queue.png", 1440, 900);

        browser.get(base() + "/desk/tickets/" + urgent);
        new Select(browser.findElement(By.id("close-status"))).selectByValue("REFERRED");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("SUPPORT_STARTED");
        browser.findElement(By.id("close")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash-notice"), "終了しました"));

        assertThat(handoffs.isActive(resident)).isFalse();
        awaitPush(onLine.userId(), "相談員との会話は、これで終わります", WAIT);
        assertThat(historyOf(urgent)).containsExactly("OPENED", "CLAIMED", "HANDOFF_STARTED", "REPLIED", "NOTE_ADDED", "CLOSED");
        assertThat(auditCount("kokoro-yamamoto", "VIEWED", urgent)).isGreaterThanOrEqualTo(3);
    }

    private String open(ReferralRequest request, Duration age) {
        String caseNumber = referrals.open(request).caseNumber();
        jdbc.sql("UPDATE ticket SET opened_at = :at WHERE case_number = :n")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minus(age)).param("n", caseNumber).update();
        return caseNumber;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    /** Saves what the browser shows, at the given size, for the README and docs/. */
    private static void screenshot(String target, int width, int height) throws IOException {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(width, height));
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path path = Path.of(target);
        Files.createDirectories(path.getParent());
        Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(before);
    }
}
