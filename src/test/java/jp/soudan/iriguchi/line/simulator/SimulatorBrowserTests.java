package jp.soudan.iriguchi.line.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The simulator page in headless Chromium, against the whole application: what a newcomer does
 * first (talk to the bot, tap a quick reply, tap a card's button) must work over the real LINE
 * path, and the page must show every kind of message the bot sends.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver}; skipped only where Chromium is not
 * installed (CI installs it). Screenshots go to {@code target/simulator*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:simulator-browser;DB_CLOSE_DELAY=-1")
class SimulatorBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BOT_ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final By BOT_ROWS = By.cssSelector(".row--bot:not(.row--typing)");

    /** A fixed free port: the SDK client must know the fake Messaging API's address before start-up. */
    static final int PORT = freePort();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Skipped: /usr/bin/chromium is not installed (apt-get install -y chromium chromium-driver)");
    }

    @TempDir
    Path profile;

    private WebDriver browser;
    private WebDriverWait wait;
    private final RestClient http = RestClient.create("http://localhost:" + PORT);

    @BeforeEach
    void openBrowser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=ja", "--window-size=480,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, BOT_ANSWER_TIMEOUT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aNewcomerTalksToTheBotOverTheRealLinePath() throws IOException {
        browser.get("http://localhost:" + PORT + "/simulator");
        // A first visit adds the account as a friend: the bot greets.
        waitForBotRows(1);
        assertThat(browser.findElement(By.id("user-id")).getText()).matches("U[0-9a-f]{32}");

        int before = botRows();
        WebElement input = browser.findElement(By.id("message-input"));
        input.sendKeys("こんにちは");
        browser.findElement(By.id("send-button")).click();

        WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[contains(@class,'bubble--user')][.='こんにちは']")));
        waitForBotRows(before + 1);
        // 既読: the bot's webhook accepted the event.
        assertThat(mine.findElement(By.xpath("../div[contains(@class,'meta')]")).getText()).contains("既読");
        assertThat(input.getAttribute("value")).isEmpty();

        WebElement quickReply = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#quick-replies .qr")));
        before = botRows();
        quickReply.click();
        waitForBotRows(before + 1);

        List<WebElement> cardButtons = browser.findElements(By.cssSelector(".flex-card .flex-button"));
        if (!cardButtons.isEmpty()) {
            before = botRows();
            cardButtons.getLast().click();
            waitForBotRows(before + 1);
        }
        assertThat(browser.findElements(By.cssSelector(".pill--error"))).as("no delivery failed").isEmpty();
        screenshot("simulator.png");
    }

    @Test
    void stickersImagesAndStartingOverReachTheBot() {
        browser.get("http://localhost:" + PORT + "/simulator");
        waitForBotRows(1);
        String firstUser = browser.findElement(By.id("user-id")).getText();

        int before = botRows();
        browser.findElement(By.id("send-sticker")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".row--user .sticker"))))
                .isNotNull();
        waitForBotRows(before + 1);

        before = botRows();
        browser.findElement(By.id("send-image")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".row--user .photo"))))
                .isNotNull();
        waitForBotRows(before + 1);

        browser.findElement(By.id("restart")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("user-id"), firstUser)));
        // A new resident: an empty chat, then the greeting for the friend-add.
        waitForBotRows(1);
        assertThat(browser.findElements(By.cssSelector(".row--user"))).isEmpty();
    }

    @Test
    void thePageShowsEveryKindOfMessageTheBotSends() throws IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.get("http://localhost:" + PORT + "/simulator");
        waitForBotRows(1);
        String userId = browser.findElement(By.id("user-id")).getText();

        startLoading(userId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".row--typing .typing")));

        push(userId, """
                [{"type":"template","altText":"確認","template":{"type":"confirm","text":"この内容で送りますか？",
                  "actions":[{"type":"postback","label":"はい","data":"confirm:yes","displayText":"はい"},
                             {"type":"message","label":"いいえ","text":"いいえ"}]}},
                 {"type":"template","altText":"窓口","template":{"type":"buttons","title":"福祉総合相談窓口",
                  "text":"平日 8:30〜17:15","actions":[{"type":"uri","label":"地図を見る","uri":"https://example.org/map"}]}},
                 {"type":"flex","altText":"窓口の一覧","contents":{"type":"carousel","contents":[
                  {"type":"bubble","size":"kilo",
                   "header":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"こども家庭センター","weight":"bold"}]},
                   "body":{"type":"box","layout":"vertical","spacing":"sm","contents":[
                     {"type":"text","text":"子育ての心配ごと","wrap":true,"size":"sm"},
                     {"type":"box","layout":"baseline","contents":[{"type":"text","text":"電話","flex":1,"color":"#888888","size":"xs"},
                       {"type":"text","text":"0000-00-0000","flex":3,"size":"xs"}]}]},
                   "footer":{"type":"box","layout":"vertical","contents":[
                     {"type":"button","style":"primary","action":{"type":"postback","label":"ここに相談したい","data":"desk:kodomo","displayText":"ここに相談したい"}}]}},
                  {"type":"bubble","size":"kilo",
                   "hero":{"type":"image","url":"https://example.invalid/hero.png","size":"full","aspectRatio":"20:13"},
                   "body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"地域包括支援センター","weight":"bold","wrap":true}]},
                   "footer":{"type":"box","layout":"vertical","contents":[
                     {"type":"button","style":"link","action":{"type":"message","label":"くわしく","text":"くわしく教えて"}}]}}]}},
                 {"type":"text","text":"ほかに気になることはありますか？","quickReply":{"items":[
                  {"type":"action","action":{"type":"postback","label":"お金のこと","data":"topic:money","displayText":"お金のこと"}},
                  {"type":"action","action":{"type":"message","label":"だいじょうぶ","text":"だいじょうぶです"}}]}}]
                """);

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".row--typing")));
        assertThat(browser.findElements(By.cssSelector("#quick-replies .qr")))
                .extracting(WebElement::getText).containsExactly("お金のこと", "だいじょうぶ");
        assertThat(browser.findElements(By.cssSelector(".template-card .flex-button")))
                .extracting(WebElement::getText).containsExactly("はい", "いいえ", "地図を見る");
        assertThat(browser.findElements(By.cssSelector(".carousel .flex-card"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector(".flex-card .flex-button")))
                .extracting(WebElement::getText).containsExactly("ここに相談したい", "くわしく");
        assertThat(browser.findElement(By.cssSelector(".flex-card .fx-baseline")).getText()).contains("0000-00-0000");
        assertThat(browser.findElement(By.cssSelector(".flex-card .fx-image--missing")).isDisplayed()).isTrue();
        screenshot("simulator-messages.png");

        // A message action sends its text as the resident's own message, and the bot answers it.
        int before = botRows();
        browser.findElements(By.cssSelector("#quick-replies .qr")).get(1).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[contains(@class,'bubble--user')][.='だいじょうぶです']")));
        waitForBotRows(before + 1);

        // What LINE would refuse is shown, not silently dropped.
        push(userId, """
                [{"type":"text","text":"えらびますか","quickReply":{"items":[{"type":"action",
                  "action":{"type":"postback","label":"このラベルはLINEの上限の二十文字をこえています","data":"x"}}]}}]
                """);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".rejected"))).getText())
                .contains("quickReply.items[0].action.label");
    }

    private void waitForBotRows(int atLeast) {
        wait.until(driver -> driver.findElements(BOT_ROWS).size() >= atLeast);
    }

    private int botRows() {
        return browser.findElements(BOT_ROWS).size();
    }

    private void push(String userId, String messages) {
        http.post().uri("/v2/bot/message/push")
                .header("Authorization", "Bearer simulator")
                .header("X-Line-Retry-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"to\":\"" + userId + "\",\"messages\":" + messages + "}")
                .exchange((request, response) -> response.getStatusCode());
    }

    private void startLoading(String userId) {
        http.post().uri("/v2/bot/chat/loading/start")
                .header("Authorization", "Bearer simulator")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"chatId\":\"" + userId + "\",\"loadingSeconds\":30}")
                .retrieve().toBodilessEntity();
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
