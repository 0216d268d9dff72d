import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator of the webhook benchmark: signed LINE webhooks at a constant arrival rate against a
 * running bot, and a fake LINE Messaging API that the bot answers through, so that every event can
 * be matched to its answer. JDK only (no classpath needed), so it runs with
 * {@code java bench/src/LoadGenerator.java …}; {@code bench/run-webhook-bench.sh} drives it.
 *
 * <p><b>Open loop.</b> Post {@code i} is due at {@code start + i / rate}, whatever happened to the
 * posts before it, and its latency is counted from that due time. A closed loop (send, wait, send)
 * slows down with the bot and so never sees the queue it would meet in production (coordinated
 * omission); a slow bot here shows as a long tail, not as a lower rate.
 *
 * <p><b>Events</b> are what LINE sends for a text message (one event per webhook, as LINE mostly
 * does), shaped like the test kit's {@code Webhooks.text} (webhook.yml): a fresh ULID-like
 * {@code webhookEventId}, a 32-hex reply token, a user source among {@code --users} ids, each post
 * signed with HMAC-SHA256 of the raw body under the channel secret (Base64).
 *
 * <p><b>Answers.</b> The fake API answers reply and push with 200 and a {@code sentMessages} body,
 * the loading animation with 202 {@code {}}, and notes when each call arrived. A reply is matched to
 * its event by the reply token; a push (used when the reply token is gone or the reply failed) to the
 * oldest unanswered event of its recipient. Reply latency = answer arrived at the fake − post due.
 *
 * <p><b>Warm-up.</b> The rate ramps up from a tenth over {@code --warmup}, then stays at the full rate
 * until the bot has kept up for 5 s (under half a second of events waiting for their 200 or their
 * answer), at most {@code --settle-max}; only then does the measurement start. A cold JVM on two
 * shared cores needs a minute or more of JIT compilation before it keeps up, and the backlog it
 * builds meanwhile would otherwise be measured as if it were the steady state. Whether the bot got
 * there is in the summary ({@code steady_state}).
 *
 * <p>Sequence: start the fake API, write {@code <fakePort> <botPort>} to {@code --ports-file} (the
 * script starts the bot on them), wait for {@code /actuator/health} UP, warm up, measure, wait for
 * the answers ({@code --drain}), print a report and write a one-line JSON summary to
 * {@code --json-out}.
 */
public class LoadGenerator {

    private static final String DESTINATION = "U0123456789abcdef0123456789abcdef";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern REPLY_TOKEN = Pattern.compile("\"replyToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PUSH_TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(text|flex|template|image|sticker)\"");
    private static final String[] TEXTS = {
            "母の介護のことで相談したいです",
            "家賃が払えなくて困っています",
            "学校に行けていない子どものことで話を聞いてほしい",
            "毎日、弟の世話と家事をしていて勉強する時間がありません",
            "仕事をなくして、これからの生活が不安です",
            "近所に一人暮らしのお年寄りがいて心配です",
            "こんにちは",
            "障害のある家族のことで、どこに相談すればいいですか",
    };

    /** Words of danger, every {@code --crisis-every}th event: their answers are measured apart (crisis_reply_*). */
    private static final String CRISIS_TEXT = "もう死にたい";

    private boolean isCrisis(int event) {
        return options.crisisEvery > 0 && event % options.crisisEvery == options.crisisEvery - 1;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--print-sample")) {
            // One body as the benchmark posts it, to check against webhook.yml (README).
            LoadGenerator sample = new LoadGenerator(Options.parse(new String[] {"--secret", "sample", "--duration", "0", "--warmup", "0",
                    "--settle-max", "0"}));
            System.out.println(sample.textWebhook(sample.userIds[0], "0123456789abcdef0123456789abcdef", TEXTS[0]));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator(options).run());
    }

    private final Options options;
    private final Mac signingMac;
    /** Events of the ramp (the first part of the warm-up). */
    private final int rampEvents;
    /** Most events the warm-up may send while it waits for the bot to keep up. */
    private final int settleEventsMax;
    /** Events measured. */
    private final int measuredEvents;
    /** Room for every event the run may send. */
    private final int capacity;
    /** Set by the scheduler once the warm-up is over: the first measured event, and one past the last event. */
    private volatile int firstMeasured = -1;
    private volatile int totalEvents = -1;
    /** Set by the sampler: the bot has kept up with the full rate for a few seconds. */
    private volatile boolean steady;
    private volatile boolean settled;
    private volatile long measureStartNanos;
    private final long[] atMeasureStart = {-1, -1, -1, -1, -1};
    private final long intervalNanos;

    // Per event, indexed by its sequence number.
    private final long[] dueNanos;
    private final long[] sentNanos;
    private final long[] webhookDoneNanos;
    private final int[] status;
    private final AtomicLongArray answeredNanos;
    private final int[] userOf;
    private final String[] userIds;

    private final Map<String, Integer> eventByReplyToken = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> pushesByUser = new ConcurrentHashMap<>();
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger webhooksDone = new AtomicInteger();
    private final AtomicInteger webhooksOk = new AtomicInteger();
    private final AtomicInteger repliesMatched = new AtomicInteger();
    private final AtomicInteger repliesUnknown = new AtomicInteger();
    private final AtomicInteger repliesRepeated = new AtomicInteger();
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger loadingCalls = new AtomicInteger();
    private final AtomicInteger otherCalls = new AtomicInteger();
    private final AtomicInteger badAuthorization = new AtomicInteger();
    private final AtomicInteger messagesSent = new AtomicInteger();
    private final AtomicLong maxScheduleLagNanos = new AtomicLong();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private final ProcessProbe bot;
    /** A database server in processes of its own (PostgreSQL's postmaster and its children), if any. */
    private final ProcessProbe database;
    private final ProcessProbe self = ProcessProbe.of(ProcessHandle.current().pid());
    private volatile long rssMaxKb;
    private final List<String> timeline = new ArrayList<>();

    LoadGenerator(Options options) {
        this.options = options;
        this.signingMac = keyedMac(options.secret);
        // The warm-up ramps from a tenth of the rate up to it, then goes on at the full rate until the
        // bot keeps up (or --settle-max runs out): a cold JVM builds a backlog while the JIT compiles
        // (on our shared 2-core machines for a minute or more), and a measurement that starts then
        // measures the start, not the steady state.
        this.rampEvents = (int) Math.round(options.rate * 0.55 * options.warmup.toNanos() / 1e9);
        this.settleEventsMax = (int) Math.round(options.rate * options.settleMax.toNanos() / 1e9);
        this.measuredEvents = (int) Math.round(options.rate * options.duration.toNanos() / 1e9);
        this.capacity = rampEvents + settleEventsMax + measuredEvents;
        this.intervalNanos = Math.round(1e9 / options.rate);
        this.dueNanos = new long[capacity];
        this.sentNanos = new long[capacity];
        this.webhookDoneNanos = new long[capacity];
        this.status = new int[capacity];
        this.answeredNanos = new AtomicLongArray(capacity);
        this.userOf = new int[capacity];
        Random random = new Random(options.seed);
        this.userIds = new String[options.users];
        for (int u = 0; u < options.users; u++) {
            userIds[u] = "U" + hex(random, 16);
        }
        for (int i = 0; i < capacity; i++) {
            userOf[i] = random.nextInt(options.users);
        }
        this.bot = new ProcessProbe(options.botPidFile);
        this.database = new ProcessProbe(options.dbPidFile);
    }

    int run() throws Exception {
        FakeApiServer fakeApi = startFakeApi();
        int botPort = options.botPort > 0 ? options.botPort : freePort();
        int fakePort = fakeApi.port();
        if (options.portsFile != null) {
            Path partial = options.portsFile.resolveSibling(options.portsFile.getFileName() + ".partial");
            Files.writeString(partial, fakePort + " " + botPort + "\n");
            Files.move(partial, options.portsFile, StandardCopyOption.ATOMIC_MOVE);
        }
        log("fake LINE API on http://127.0.0.1:%d/, bot expected on http://127.0.0.1:%d/", fakePort, botPort);
        URI health = URI.create("http://127.0.0.1:" + botPort + "/actuator/health");
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(senders)
                .build();
        try {
            long readyAt = System.nanoTime();
            if (!awaitHealthy(client, health)) {
                return 1;
            }
            log("bot healthy after %.1f s (pid %s); warm-up: %s ramp to %.0f/s, then up to %s until the bot keeps up;"
                    + " then %d events measured, from %d users", (System.nanoTime() - readyAt) / 1e9,
                    bot.pid() == 0 ? "?" : bot.pid(), options.warmup, options.rate, options.settleMax, measuredEvents, options.users);
            Thread sampler = Thread.ofPlatform().daemon().name("sampler").start(this::sample);
            long loadStart = System.nanoTime() + 50_000_000L;
            long botCpuAtLoadStart = bot.cpuTicks();
            Map<Long, ProcessProbe.ThreadCpu> threadsAtLoadStart = bot.threadCpu();
            WebhookPoster poster = new WebhookPoster(new InetSocketAddress("127.0.0.1", botPort), options.requestTimeout);
            Thread cpuMark = schedule(poster, loadStart);
            long loadEnd = System.nanoTime();
            long botCpuAtLoadEnd = bot.cpuTicks();
            long selfCpuAtLoadEnd = self.cpuTicks();
            long databaseCpuAtLoadEnd = database.treeCpuTicks();
            long[] machineAtLoadEnd = machineTicks();
            cpuMark.join();
            long measureStart = measureStartNanos;
            long drainDeadline = loadEnd + options.drain.toNanos();
            while (System.nanoTime() < drainDeadline && (webhooksDone.get() < totalEvents || unansweredNow() > 0)) {
                Thread.sleep(50);
            }
            long drainedAt = System.nanoTime();
            long botCpuAtDrained = bot.cpuTicks();
            Map<String, Long> cpuByThreadGroup = ProcessProbe.byGroup(threadsAtLoadStart, bot.threadCpu());
            Thread.sleep(200); // late duplicates, if any, show up in the counts
            sampler.interrupt();
            sampler.join();
            double measuredSeconds = (loadEnd - measureStart) / 1e9;
            double botCpuPercent = atMeasureStart[0] >= 0 && botCpuAtLoadEnd >= 0
                    ? 100.0 * (botCpuAtLoadEnd - atMeasureStart[0]) / ProcessProbe.TICKS_PER_SECOND / measuredSeconds
                    : -1;
            double databaseCpuPercent = atMeasureStart[4] < 0 || databaseCpuAtLoadEnd < 0 ? -1
                    : 100.0 * (databaseCpuAtLoadEnd - atMeasureStart[4]) / ProcessProbe.TICKS_PER_SECOND / measuredSeconds;
            double selfCpuPercent = 100.0 * (selfCpuAtLoadEnd - atMeasureStart[1]) / ProcessProbe.TICKS_PER_SECOND / measuredSeconds;
            // /proc/stat counts every core; busy share of all of them, in "% of one core" like the others
            double machinePercent = atMeasureStart[2] < 0 || machineAtLoadEnd[0] < 0 ? -1
                    : 100.0 * Runtime.getRuntime().availableProcessors()
                      * (machineAtLoadEnd[0] - atMeasureStart[2]) / Math.max(1, machineAtLoadEnd[1] - atMeasureStart[3]);
            // CPU the bot spent per event, warm-up to drained: what the load costs it, however busy the
            // machine (a starved bot is slow, but does the same work per event).
            double botCpuMsPerEvent = botCpuAtLoadStart < 0 || botCpuAtDrained < 0 ? -1
                    : 1000.0 * (botCpuAtDrained - botCpuAtLoadStart) / ProcessProbe.TICKS_PER_SECOND / totalEvents;
            report(botCpuPercent, selfCpuPercent, databaseCpuPercent, machinePercent, botCpuMsPerEvent, cpuByThreadGroup,
                    (drainedAt - loadEnd) / 1e9, (measureStart - loadStart) / 1e9);
            return 0;
        } finally {
            fakeApi.close();
            senders.shutdownNow();
        }
    }

    private boolean awaitHealthy(HttpClient client, URI health) throws InterruptedException {
        long deadline = System.nanoTime() + options.startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (options.botPidFile != null && bot.pid() != 0 && !bot.alive()) {
                log("the bot (pid %d) exited before it was healthy; see its log", bot.pid());
                return false;
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        log("the bot was not healthy within %s", options.startupTimeout);
        return false;
    }

    /**
     * Fires each post when it is due, never waiting for an answer: the ramp, the rest of the warm-up
     * at the full rate until the bot keeps up, then the measured posts. Returns the thread that takes
     * the CPU readings at the start of the measurement.
     */
    private Thread schedule(WebhookPoster poster, long start) {
        // Platform threads, reused: a blocking read on a virtual thread costs a poller's wake-up as well.
        ExecutorService posts = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("post-", 0).stackSize(256 * 1024).factory());
        int i = 0;
        for (; i < rampEvents; i++) {
            fire(posts, poster, i, start + rampOffsetNanos(i));
        }
        long settleStart = start + options.warmup.toNanos();
        int settling = 0;
        while (!steady && settling < settleEventsMax) {
            fire(posts, poster, i++, settleStart + settling++ * intervalNanos);
        }
        settled = steady;
        long measureStart = settleStart + settling * intervalNanos;
        measureStartNanos = measureStart;
        firstMeasured = i;
        Thread cpuMark = Thread.ofPlatform().daemon().start(() -> {
            LockSupport.parkNanos(Math.max(0, measureStart - System.nanoTime()));
            long[] machine = machineTicks();
            atMeasureStart[0] = bot.cpuTicks();
            atMeasureStart[4] = database.treeCpuTicks();
            atMeasureStart[1] = self.cpuTicks();
            atMeasureStart[2] = machine[0];
            atMeasureStart[3] = machine[1];
        });
        for (int m = 0; m < measuredEvents; m++) {
            fire(posts, poster, i++, measureStart + m * intervalNanos);
        }
        totalEvents = i;
        posts.close(); // waits for the posts still in flight (each has a time-out)
        return cpuMark;
    }

    private void fire(ExecutorService posts, WebhookPoster poster, int i, long due) {
        {
            long now;
            // No spinning for the last microseconds: the generator shares the bot's cores, and a post
            // sent ~0.1 ms late is still timed from when it was due.
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            long lag = now - due;
            if (lag > maxScheduleLagNanos.get()) {
                maxScheduleLagNanos.set(lag);
            }
            dueNanos[i] = due;
            int event = i;
            posts.execute(() -> post(poster, event));
        }
    }

    /** When ramp post {@code i} is due, after the start of the load: the rate rises linearly from a tenth. */
    private long rampOffsetNanos(int i) {
        double warmupSeconds = options.warmup.toNanos() / 1e9;
        // events sent by time t: r0 t + (r - r0) t² / 2W, with r0 = r / 10; solved for t
        double r = options.rate;
        double r0 = r / 10;
        double a = (r - r0) / (2 * warmupSeconds);
        double t = (-r0 + Math.sqrt(r0 * r0 + 4 * a * i)) / (2 * a);
        return Math.round(t * 1e9);
    }

    private void post(WebhookPoster poster, int event) {
        String userId = userIds[userOf[event]];
        String replyToken = hex(java.util.concurrent.ThreadLocalRandom.current(), 16);
        eventByReplyToken.put(replyToken, event);
        byte[] body = textWebhook(userId, replyToken, isCrisis(event) ? CRISIS_TEXT : TEXTS[event % TEXTS.length])
                .getBytes(StandardCharsets.UTF_8);
        String signature = sign(body);
        posted.incrementAndGet();
        sentNanos[event] = System.nanoTime();
        int code;
        try {
            code = poster.post(body, signature);
        } catch (IOException e) {
            code = -1;
            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        }
        webhookDoneNanos[event] = System.nanoTime();
        status[event] = code;
        if (code == 200) {
            webhooksOk.incrementAndGet();
        } else {
            failures.computeIfAbsent("HTTP " + code, k -> new AtomicInteger()).incrementAndGet();
        }
        webhooksDone.incrementAndGet();
    }

    private String textWebhook(String userId, String replyToken, String text) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long now = System.currentTimeMillis();
        byte[] quote = new byte[48];
        random.nextBytes(quote);
        String messageId = String.valueOf(100_000_000_000_000_000L + random.nextLong(800_000_000_000_000_000L));
        return "{\"destination\":\"" + DESTINATION + "\",\"events\":[{"
                + "\"type\":\"message\","
                + "\"webhookEventId\":\"" + ulid(now, random) + "\","
                + "\"deliveryContext\":{\"isRedelivery\":false},"
                + "\"timestamp\":" + now + ","
                + "\"source\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},"
                + "\"replyToken\":\"" + replyToken + "\","
                + "\"mode\":\"active\","
                + "\"message\":{\"type\":\"text\",\"id\":\"" + messageId + "\",\"quoteToken\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(quote) + "\",\"text\":\"" + text + "\"}"
                + "}]}";
    }

    private String sign(byte[] body) {
        try {
            // A clone of a keyed Mac costs less than looking up the provider and keying a new one.
            Mac mac = (Mac) signingMac.clone();
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac keyedMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts webhooks over plain HTTP/1.1 keep-alive connections, one request at a time on each, with
     * as many connections as there are posts in flight. The JDK's {@code HttpClient} cost a third of
     * the generator's CPU (its selector thread and completion stages), on the cores the bot and the
     * database need; this asks for little more than the bytes on the socket.
     */
    static final class WebhookPoster {

        private final InetSocketAddress bot;
        private final int timeoutMillis;
        private final byte[] head;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        WebhookPoster(InetSocketAddress bot, Duration timeout) {
            this.bot = bot;
            this.timeoutMillis = Math.toIntExact(timeout.toMillis());
            this.head = ("POST /callback HTTP/1.1\r\nHost: " + bot.getHostString() + ":" + bot.getPort()
                    + "\r\nContent-Type: application/json; charset=UTF-8\r\nx-line-signature: ")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Posts {@code body}; returns the status code, or throws if no answer came. */
        int post(byte[] body, String signature) throws IOException {
            Connection kept = idle.pollFirst();
            if (kept == null) {
                return exchange(open(), body, signature);
            }
            try {
                return exchange(kept, body, signature);
            } catch (StaleConnection stale) {
                // The bot closed a kept-alive connection before this request reached it: once more, afresh.
                return exchange(open(), body, signature);
            }
        }

        /** One request on {@code connection}, which goes back to the idle ones if the answer lets it. */
        private int exchange(Connection connection, byte[] body, String signature) throws IOException {
            try {
                Answer answer = connection.exchange(body, signature);
                if (answer.keepAlive()) {
                    idle.offerFirst(connection);
                } else {
                    connection.close();
                }
                return answer.status();
            } catch (IOException e) {
                connection.close();
                throw e;
            }
        }

        private Connection open() throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(bot, 5_000);
                socket.setSoTimeout(timeoutMillis);
                return new Connection(socket, new BufferedInputStream(socket.getInputStream(), 4096), socket.getOutputStream());
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        record Answer(int status, boolean keepAlive) {
        }

        /** The connection failed before any byte of an answer came back: a kept-alive connection the bot had closed. */
        static final class StaleConnection extends IOException {
            private static final long serialVersionUID = 1L;

            StaleConnection(String message, Throwable cause) {
                super(message, cause);
            }
        }

        final class Connection {

            private final Socket socket;
            private final InputStream in;
            private final OutputStream out;

            Connection(Socket socket, InputStream in, OutputStream out) {
                this.socket = socket;
                this.in = in;
                this.out = out;
            }

            Answer exchange(byte[] body, String signature) throws IOException {
                byte[] rest = (signature + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] request = new byte[head.length + rest.length + body.length];
                System.arraycopy(head, 0, request, 0, head.length);
                System.arraycopy(rest, 0, request, head.length, rest.length);
                System.arraycopy(body, 0, request, head.length + rest.length, body.length);
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    throw new StaleConnection("the connection was closed", e);
                }
                Http1.Head answer;
                try {
                    answer = Http1.readHead(in);
                } catch (Http1.NoMessage none) {
                    throw new StaleConnection("the connection was closed", none);
                }
                String[] parts = answer.startLine().split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP answer: " + answer.startLine());
                }
                Http1.readBody(in, answer, false);
                return new Answer(Integer.parseInt(parts[1]), answer.keepAlive(parts[0]) && answer.framed());
            }

            void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    // ---------------------------------------------------------------- fake LINE Messaging API

    /**
     * The fake API's server: HTTP/1.1 with keep-alive, a platform thread per connection (the bot's
     * LINE client keeps a handful open). The JDK's {@code HttpServer} on virtual threads cost about a
     * core's tenth more at 500 events/s (headers objects, date formatting, a poller wake-up per read),
     * on the cores the bot and the database need.
     */
    private FakeApiServer startFakeApi() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.bind(new InetSocketAddress("127.0.0.1", options.apiPort), 1024);
        FakeApiServer server = new FakeApiServer(listening, this::answer);
        server.start();
        return server;
    }

    /** What the fake API answers: a status and a JSON body. */
    record ApiAnswer(int status, String body) {
    }

    private ApiAnswer answer(String path, String authorization, String body) {
        long arrived = System.nanoTime();
        if (!("Bearer " + options.channelToken).equals(authorization)) {
            badAuthorization.incrementAndGet();
        }
        if (!options.apiLatency.isZero()) {
            try {
                Thread.sleep(options.apiLatency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        switch (path) {
            case "/v2/bot/message/reply" -> {
                Matcher token = REPLY_TOKEN.matcher(body);
                Integer event = token.find() ? eventByReplyToken.get(token.group(1)) : null;
                if (event == null) {
                    repliesUnknown.incrementAndGet();
                } else if (answeredNanos.compareAndSet(event, 0, arrived)) {
                    repliesMatched.incrementAndGet();
                } else {
                    repliesRepeated.incrementAndGet();
                }
                return new ApiAnswer(200, sentMessages(body));
            }
            case "/v2/bot/message/push" -> {
                Matcher to = PUSH_TO.matcher(body);
                if (to.find()) {
                    pushesByUser.computeIfAbsent(to.group(1), k -> new ConcurrentLinkedQueue<>()).add(arrived);
                }
                pushes.incrementAndGet();
                return new ApiAnswer(200, sentMessages(body));
            }
            case "/v2/bot/chat/loading/start" -> {
                loadingCalls.incrementAndGet();
                return new ApiAnswer(202, "{}");
            }
            default -> {
                otherCalls.incrementAndGet();
                return new ApiAnswer(404, "{\"message\":\"Not found\"}");
            }
        }
    }

    private String sentMessages(String request) {
        int count = 0;
        for (Matcher m = MESSAGE_TYPE.matcher(request); m.find(); ) {
            count++;
        }
        // a flex card nests further "type"s; LINE's answer has one entry per message, 1 to 5
        count = Math.clamp(count, 1, 5);
        messagesSent.addAndGet(count);
        StringBuilder json = new StringBuilder("{\"sentMessages\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(461230966842064897L + i)
                    .append("\",\"quoteToken\":\"IStG5h1Tz7b\"}");
        }
        return json.append("]}").toString();
    }

    /** Just enough of HTTP/1.1 for the posts' answers and the fake API's requests. */
    static final class Http1 {

        private Http1() {
        }

        /** The start line and the headers (names in lower case) of a message. */
        record Head(String startLine, Map<String, String> headers) {

            long contentLength() {
                String length = headers.get("content-length");
                return length == null ? -1 : Long.parseLong(length.trim());
            }

            boolean chunked() {
                String coding = headers.get("transfer-encoding");
                return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
            }

            /** Whether the body's end is known without closing the connection. */
            boolean framed() {
                return chunked() || contentLength() >= 0;
            }

            boolean keepAlive(String version) {
                String connection = headers.get("connection");
                return connection == null ? version.equals("HTTP/1.1") : !connection.equalsIgnoreCase("close");
            }
        }

        /** The stream ended (or was reset) before the first byte of a message. */
        static final class NoMessage extends IOException {
            private static final long serialVersionUID = 1L;

            NoMessage(Throwable cause) {
                super("no message: the connection was closed", cause);
            }
        }

        static Head readHead(InputStream in) throws IOException {
            String startLine = line(in, true);
            Map<String, String> headers = new java.util.HashMap<>();
            for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
            }
            return new Head(startLine, headers);
        }

        /** The body: by its length, in chunks, or (an answer without either) up to the end of the stream. */
        static byte[] readBody(InputStream in, Head head, boolean request) throws IOException {
            if (head.chunked()) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    body.write(exactly(in, size));
                    line(in, false);
                }
                for (String trailer = line(in, false); !trailer.isEmpty(); trailer = line(in, false)) {
                    // no trailer is used
                }
                return body.toByteArray();
            }
            long length = head.contentLength();
            if (length >= 0) {
                return exactly(in, length);
            }
            return request ? new byte[0] : in.readAllBytes();
        }

        private static long chunkSize(InputStream in) throws IOException {
            return Long.parseLong(line(in, false).split(";", 2)[0].trim(), 16);
        }

        private static byte[] exactly(InputStream in, long length) throws IOException {
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length < length) {
                throw new IOException("the connection was closed in the middle of a message");
            }
            return bytes;
        }

        private static String line(InputStream in, boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                // A reset, not a time-out (which is no SocketException).
                if (first) {
                    throw new NoMessage(reset);
                }
                throw reset;
            }
            for (; ; b = in.read()) {
                if (b < 0) {
                    if (first && line.isEmpty()) {
                        throw new NoMessage(null);
                    }
                    throw new IOException("the connection was closed in the middle of a message");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
        }
    }

    /** Serves the fake LINE API: reads each request, asks {@code handler}, writes its answer. */
    static final class FakeApiServer implements AutoCloseable {

        interface Handler {
            ApiAnswer answer(String path, String authorization, String body);
        }

        private final ServerSocket listening;
        private final Handler handler;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        FakeApiServer(ServerSocket listening, Handler handler) {
            this.listening = listening;
            this.handler = handler;
        }

        int port() {
            return listening.getLocalPort();
        }

        void start() {
            Thread.ofPlatform().daemon().name("fake-api-accept").start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket socket = listening.accept();
                        socket.setTcpNoDelay(true);
                        open.add(socket);
                        Thread.ofPlatform().daemon().name("fake-api").stackSize(256 * 1024).start(() -> serve(socket));
                    } catch (IOException e) {
                        if (!listening.isClosed()) {
                            System.err.println("fake API: accept failed: " + e);
                        }
                    }
                }
            });
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
                while (true) {
                    Http1.Head request;
                    try {
                        request = Http1.readHead(in);
                    } catch (Http1.NoMessage closed) {
                        return;
                    }
                    String[] parts = request.startLine().split(" ", 3);
                    byte[] body = Http1.readBody(in, request, true);
                    String version = parts.length == 3 ? parts[2] : "HTTP/1.0";
                    String target = parts.length > 1 ? parts[1] : "/";
                    int query = target.indexOf('?');
                    ApiAnswer answer = handler.answer(query < 0 ? target : target.substring(0, query),
                            request.headers().get("authorization"), new String(body, StandardCharsets.UTF_8));
                    boolean keepAlive = request.keepAlive(version);
                    byte[] json = answer.body().getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + answer.status() + (answer.status() < 300 ? " OK" : " Not Found")
                            + "\r\nContent-Type: application/json\r\nx-line-request-id: bench\r\nContent-Length: " + json.length
                            + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(json);
                    out.flush();
                    if (!keepAlive) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the bot closed the connection, or the generator is stopping
            } finally {
                open.remove(socket);
            }
        }

        @Override
        public void close() {
            try {
                listening.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // stopping anyway
                }
            }
        }
    }

    // ---------------------------------------------------------------- measurement

    private int unansweredNow() {
        return posted.get() - repliesMatched.get() - pushes.get();
    }

    /** Once a second: the bot's memory, and every 5 s a progress line. */
    private void sample() {
        long start = System.nanoTime();
        int second = 0;
        long lastCpu = bot.cpuTicks();
        int lastDone = 0;
        int lastOk = 0;
        int lastAnswered = 0;
        int keptUp = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Math.max(1, (start + (second + 1) * 1_000_000_000L - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            second++;
            long rss = bot.rssKb();
            if (rss > rssMaxKb) {
                rssMaxKb = rss;
            }
            long cpu = bot.cpuTicks();
            int done = webhooksDone.get();
            int ok = webhooksOk.get();
            int answered = repliesMatched.get() + pushes.get();
            String line = String.format(Locale.ROOT,
                    "t=%3ds posted=%6d 200s/s=%4d failed/s=%4d answered/s=%4d awaiting-answer=%5d in-flight-posts=%4d bot-rss=%4d MB bot-cpu=%3.0f%%",
                    second, posted.get(), ok - lastOk, done - lastDone - (ok - lastOk), answered - lastAnswered, unansweredNow(), posted.get() - done,
                    rss / 1024, lastCpu < 0 || cpu < 0 ? -1.0 : 100.0 * (cpu - lastCpu) / ProcessProbe.TICKS_PER_SECOND);
            timeline.add(line);
            if (second % options.progressEvery == 0) {
                log("%s", line);
            }
            lastCpu = cpu;
            lastDone = done;
            lastOk = ok;
            lastAnswered = answered;
            // Keeping up: under half a second of events waiting for an answer or for their 200.
            keptUp = unansweredNow() < options.rate / 2 && posted.get() - done < options.rate / 2 ? keptUp + 1 : 0;
            steady = keptUp >= 5;
        }
    }

    private void report(double botCpuPercent, double selfCpuPercent, double databaseCpuPercent, double machinePercent,
                        double botCpuMsPerEvent,
                        Map<String, Long> cpuByThreadGroup, double drainSeconds, double warmupSeconds) throws IOException {
        // Pushes answer a user's oldest events that got no reply, in order.
        for (var entry : pushesByUser.entrySet()) {
            List<Long> arrivals = new ArrayList<>(entry.getValue());
            arrivals.sort(null);
            int next = 0;
            for (int i = 0; i < totalEvents && next < arrivals.size(); i++) {
                if (userIds[userOf[i]].equals(entry.getKey()) && answeredNanos.get(i) == 0 && sentNanos[i] != 0) {
                    answeredNanos.set(i, arrivals.get(next++));
                }
            }
        }
        int warmupEvents = firstMeasured;
        int measured = totalEvents - warmupEvents;
        long[] webhook = new long[measured];
        long[] reply = new long[measured];
        int replies = 0;
        long[] crisisReply = new long[measured];
        int crisisReplies = 0;
        int crisisEvents = 0;
        int non200 = 0;
        int unanswered = 0;
        int non200Measured = 0;
        int unansweredMeasured = 0;
        for (int i = 0; i < totalEvents; i++) {
            boolean ok = status[i] == 200;
            boolean answered = answeredNanos.get(i) != 0;
            non200 += ok ? 0 : 1;
            unanswered += answered ? 0 : 1;
            if (i < warmupEvents) {
                continue;
            }
            non200Measured += ok ? 0 : 1;
            unansweredMeasured += answered ? 0 : 1;
            webhook[i - warmupEvents] = webhookDoneNanos[i] - dueNanos[i];
            if (answered) {
                reply[replies++] = answeredNanos.get(i) - dueNanos[i];
            }
            if (isCrisis(i)) {
                crisisEvents++;
                if (answered) {
                    crisisReply[crisisReplies++] = answeredNanos.get(i) - dueNanos[i];
                }
            }
        }
        Arrays.sort(webhook);
        long[] replySorted = Arrays.copyOf(reply, replies);
        Arrays.sort(replySorted);
        long rssPeakKb = bot.peakRssKb();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("label", options.label);
        summary.put("rate", options.rate);
        summary.put("duration_s", options.duration.toMillis() / 1000.0);
        summary.put("warmup_s", Math.round(warmupSeconds * 10) / 10.0);
        summary.put("steady_state", settled);
        summary.put("users", options.users);
        summary.put("events", measured);
        summary.put("warmup_events", warmupEvents);
        summary.put("non_200", non200);
        summary.put("unanswered", unanswered);
        summary.put("webhook_p50_ms", ms(percentile(webhook, 0.50)));
        summary.put("webhook_p90_ms", ms(percentile(webhook, 0.90)));
        summary.put("webhook_p99_ms", ms(percentile(webhook, 0.99)));
        summary.put("webhook_max_ms", ms(percentile(webhook, 1.0)));
        summary.put("reply_p50_ms", ms(percentile(replySorted, 0.50)));
        summary.put("reply_p95_ms", ms(percentile(replySorted, 0.95)));
        summary.put("reply_p99_ms", ms(percentile(replySorted, 0.99)));
        summary.put("reply_max_ms", ms(percentile(replySorted, 1.0)));
        if (options.crisisEvery > 0) {
            long[] crisisSorted = Arrays.copyOf(crisisReply, crisisReplies);
            Arrays.sort(crisisSorted);
            summary.put("crisis_events", crisisEvents);
            summary.put("crisis_unanswered", crisisEvents - crisisReplies);
            summary.put("crisis_reply_p50_ms", ms(percentile(crisisSorted, 0.50)));
            summary.put("crisis_reply_p95_ms", ms(percentile(crisisSorted, 0.95)));
            summary.put("crisis_reply_max_ms", ms(percentile(crisisSorted, 1.0)));
        }
        summary.put("rss_peak_mb", rssPeakKb < 0 ? null : rssPeakKb / 1024);
        summary.put("rss_load_max_mb", rssMaxKb <= 0 ? null : rssMaxKb / 1024);
        summary.put("bot_cpu_pct", botCpuPercent < 0 ? null : Math.round(botCpuPercent));
        // per event while measured (steady state), and over the whole run (with the JIT's warm-up)
        summary.put("bot_cpu_ms_per_event", botCpuPercent < 0 ? null : Math.round(botCpuPercent * 10 / options.rate * 100) / 100.0);
        summary.put("bot_cpu_ms_per_event_all", botCpuMsPerEvent < 0 ? null : Math.round(botCpuMsPerEvent * 100) / 100.0);
        // Where the bot's CPU went (load start to drained), by thread: virtual threads (request
        // handling and the worker) run on the ForkJoinPool carriers; JIT and GC are the JVM's own.
        summary.put("bot_cpu_s_vthreads", cpuSeconds(cpuByThreadGroup, "ForkJoinPool-N-"));
        summary.put("bot_cpu_s_jit", cpuSeconds(cpuByThreadGroup, "CN CompilerThre"));
        summary.put("bot_cpu_s_gc", cpuSeconds(cpuByThreadGroup, "GC Thread#N", "GN Conc#N", "GN Refine#N", "GN Main Marker",
                "GN Service", "VM Thread"));
        summary.put("bot_cpu_s_okhttp", cpuSeconds(cpuByThreadGroup, "OkHttp Dispatch", "OkHttp TaskRunn"));
        summary.put("bot_cpu_s_total", cpuSeconds(cpuByThreadGroup, cpuByThreadGroup.keySet().toArray(String[]::new)));
        summary.put("generator_cpu_pct", Math.round(selfCpuPercent));
        summary.put("db_cpu_pct", databaseCpuPercent < 0 ? null : Math.round(databaseCpuPercent));
        summary.put("others_cpu_pct", machinePercent < 0 || botCpuPercent < 0 ? null
                : Math.max(0, Math.round(machinePercent - botCpuPercent - selfCpuPercent - Math.max(0, databaseCpuPercent))));
        summary.put("db", options.db);
        summary.put("heap", options.heap);
        summary.put("api_latency_ms", options.apiLatency.toMillis());
        summary.put("replies", repliesMatched.get());
        summary.put("pushes", pushes.get());
        summary.put("loading_calls", loadingCalls.get());
        summary.put("duplicate_answers", repliesRepeated.get() + Math.max(0, pushes.get() - countPushMatches()));
        summary.put("unknown_reply_tokens", repliesUnknown.get());
        summary.put("schedule_lag_max_ms", ms(maxScheduleLagNanos.get()));
        summary.put("drain_s", Math.round(drainSeconds * 10) / 10.0);
        summary.put("nproc", Runtime.getRuntime().availableProcessors());
        summary.put("loadavg_1m", loadAverage());
        summary.put("at", Instant.now().toString());
        // The targets: issue 2 (every post 200, every event answered, webhook p99 < 50 ms) and the
        // later PostgreSQL issue (answer p95 < 300 ms, resident memory < 400 MB).
        summary.put("ok_all_200", non200 == 0);
        summary.put("ok_all_answered", unanswered == 0);
        summary.put("ok_webhook_p99", percentile(webhook, 0.99) >= 0 && percentile(webhook, 0.99) < 50_000_000L);
        summary.put("ok_reply_p95", replies > 0 && percentile(replySorted, 0.95) < 300_000_000L);
        summary.put("ok_rss", rssPeakKb > 0 && rssPeakKb < 400 * 1024);

        StringBuilder out = new StringBuilder();
        out.append('\n').append("== webhook benchmark: ").append(options.label).append(" ==\n");
        out.append(String.format(Locale.ROOT, "load        %.0f events/s for %s measured, from %d users, db=%s, bot heap %s, fake API latency %d ms%n",
                options.rate, options.duration, options.users, options.db, options.heap, options.apiLatency.toMillis()));
        out.append(String.format(Locale.ROOT, "warm-up     %.0f s (%s ramp, then full rate %s), %d posts%n", warmupSeconds, options.warmup,
                settled ? "until the bot kept up" : "for " + options.settleMax + ": the bot did NOT keep up", warmupEvents));
        out.append(String.format(Locale.ROOT, "posts       %d measured (+%d warm-up); not 200: %d%s%n", measured, warmupEvents, non200,
                failures.isEmpty() ? "" : " " + new TreeMap<>(failures)));
        out.append(windows(warmupEvents));
        out.append(String.format(Locale.ROOT, "webhook     p50 %s  p90 %s  p99 %s  max %s ms (due time → 200 received)%n",
                summary.get("webhook_p50_ms"), summary.get("webhook_p90_ms"), summary.get("webhook_p99_ms"), summary.get("webhook_max_ms")));
        out.append(String.format(Locale.ROOT, "answer      p50 %s  p95 %s  p99 %s  max %s ms (due time → reply/push at the fake API)%n",
                summary.get("reply_p50_ms"), summary.get("reply_p95_ms"), summary.get("reply_p99_ms"), summary.get("reply_max_ms")));
        out.append(String.format(Locale.ROOT, "answered    %d replies, %d pushes, %d loading calls; unanswered %d (measured: %d, not 200 measured: %d); drain %.1f s%n",
                repliesMatched.get(), pushes.get(), loadingCalls.get(), unanswered, unansweredMeasured, non200Measured, drainSeconds));
        out.append(String.format(Locale.ROOT, "anomalies   repeated replies %d, unknown reply tokens %d, other API calls %d, bad Authorization %d%n",
                repliesRepeated.get(), repliesUnknown.get(), otherCalls.get(), badAuthorization.get()));
        out.append(String.format(Locale.ROOT, "bot         RSS peak (VmHWM) %s MB, max sampled under load %s MB; CPU %s%% of one core while measured (%d cores here), %s ms CPU per event%n",
                summary.get("rss_peak_mb"), summary.get("rss_load_max_mb"), summary.get("bot_cpu_pct"), Runtime.getRuntime().availableProcessors(),
                summary.get("bot_cpu_ms_per_event")));
        out.append("bot CPU s   ").append(cpuByThreadGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / (double) ProcessProbe.TICKS_PER_SECOND))
                .collect(java.util.stream.Collectors.joining(", "))).append(" (by thread, load start to drained)\n");
        out.append(String.format(Locale.ROOT, "generator   CPU %s%% of one core, max schedule lag %s ms (how late the generator itself fired a post)%n",
                summary.get("generator_cpu_pct"), summary.get("schedule_lag_max_ms")));
        if (databaseCpuPercent >= 0) {
            out.append(String.format(Locale.ROOT, "database    CPU %s%% of one core while measured (all its processes)%n",
                    summary.get("db_cpu_pct")));
        }
        out.append(String.format(Locale.ROOT, "machine     other processes used %s%% of one core while measured (the cores are shared)%n",
                summary.get("others_cpu_pct")));
        out.append(String.format(Locale.ROOT, "targets     every post 200: %s, every event answered: %s, webhook p99 < 50 ms: %s, answer p95 < 300 ms: %s, RSS < 400 MB: %s%n",
                yes(summary.get("ok_all_200")), yes(summary.get("ok_all_answered")), yes(summary.get("ok_webhook_p99")),
                yes(summary.get("ok_reply_p95")), yes(summary.get("ok_rss"))));
        System.out.print(out);
        String json = toJson(summary);
        if (options.timelineOut != null) {
            Files.write(options.timelineOut, timeline);
        }
        if (options.jsonOut != null) {
            Files.writeString(options.jsonOut, json + "\n"); // the script prints it last
        } else {
            System.out.println(json);
        }
    }

    private static double cpuSeconds(Map<String, Long> byGroup, String... groups) {
        long ticks = 0;
        for (String group : groups) {
            ticks += byGroup.getOrDefault(group, 0L);
        }
        return Math.round(ticks * 10.0 / ProcessProbe.TICKS_PER_SECOND) / 10.0;
    }

    /** The measured posts in windows of 10 s by due time: whether the bot kept up all along. */
    private String windows(int first) {
        StringBuilder table = new StringBuilder("window      posts   webhook p50/p99 ms   answer p50/p95 ms   not 200   unanswered\n");
        long windowNanos = 10_000_000_000L;
        for (long from = measureStartNanos; ; from += windowNanos) {
            List<Long> webhook = new ArrayList<>();
            List<Long> answer = new ArrayList<>();
            int failed = 0;
            int unanswered = 0;
            for (int i = first; i < totalEvents; i++) {
                if (dueNanos[i] < from || dueNanos[i] >= from + windowNanos) {
                    continue;
                }
                webhook.add(webhookDoneNanos[i] - dueNanos[i]);
                failed += status[i] == 200 ? 0 : 1;
                if (answeredNanos.get(i) != 0) {
                    answer.add(answeredNanos.get(i) - dueNanos[i]);
                } else {
                    unanswered++;
                }
            }
            if (webhook.isEmpty()) {
                break;
            }
            long[] w = webhook.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] a = answer.stream().mapToLong(Long::longValue).sorted().toArray();
            table.append(String.format(Locale.ROOT, "  %3d-%3d s %6d   %8s / %-8s   %8s / %-8s   %7d   %10d%n",
                    (from - measureStartNanos) / 1_000_000_000L, (from - measureStartNanos + windowNanos) / 1_000_000_000L,
                    w.length, ms(percentile(w, 0.5)), ms(percentile(w, 0.99)), ms(percentile(a, 0.5)), ms(percentile(a, 0.95)),
                    failed, unanswered));
        }
        return table.toString();
    }

    private static String yes(Object ok) {
        return Boolean.TRUE.equals(ok) ? "yes" : "NO";
    }

    private int countPushMatches() {
        int matched = 0;
        for (var entry : pushesByUser.entrySet()) {
            int sent = 0;
            for (int i = 0; i < totalEvents; i++) {
                if (userIds[userOf[i]].equals(entry.getKey()) && sentNanos[i] != 0) {
                    sent++;
                }
            }
            matched += Math.min(sent, entry.getValue().size());
        }
        return matched;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.clamp(rank, 0, sorted.length - 1)];
    }

    private static Double ms(long nanos) {
        return nanos < 0 ? null : Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Busy and total clock ticks of all cores together ({@code /proc/stat}), or -1s. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{");
        for (var entry : values.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(entry.getKey()).append("\":");
            Object value = entry.getValue();
            if (value == null || value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                json.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return json.append('}').toString();
    }

    // ---------------------------------------------------------------- helpers

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String ulid(long time, Random random) {
        char[] chars = new char[26];
        for (int i = 9; i >= 0; i--) {
            chars[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            chars[i] = CROCKFORD[random.nextInt(32)];
        }
        return new String(chars);
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    /** The bot's process, read from /proc (Linux): resident memory and CPU time. */
    static final class ProcessProbe {
        static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
        private final Path pidFile;
        private volatile long pid;

        ProcessProbe(Path pidFile) {
            this.pidFile = pidFile;
        }

        static ProcessProbe of(long pid) {
            ProcessProbe probe = new ProcessProbe(null);
            probe.pid = pid;
            return probe;
        }

        long pid() {
            if (pid == 0 && pidFile != null) {
                try {
                    pid = Long.parseLong(Files.readString(pidFile).trim());
                } catch (IOException | NumberFormatException notYet) {
                    return 0;
                }
            }
            return pid;
        }

        boolean alive() {
            return pid() != 0 && Files.exists(Path.of("/proc/" + pid()));
        }

        /**
         * CPU ticks of the process and its children, the live ones and those it has reaped
         * (PostgreSQL runs a process per connection, all children of the postmaster), or -1.
         */
        long treeCpuTicks() {
            if (pid() == 0) {
                return -1;
            }
            long total = 0;
            boolean found = false;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String name = process.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long id = Long.parseLong(name);
                        if (id == pid()) {
                            found = true;
                            total += Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        } else if (Long.parseLong(fields[1]) == pid()) {
                            total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException | RuntimeException ended) {
                        // gone meanwhile
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return found ? total : -1;
        }

        long rssKb() {
            return statusField("VmRSS:");
        }

        long peakRssKb() {
            return statusField("VmHWM:");
        }

        /** User + system CPU time of the process in clock ticks, or -1. */
        long cpuTicks() {
            if (pid() == 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                return -1;
            }
        }

        record ThreadCpu(String group, long ticks) {
        }

        /** CPU ticks of each thread of the process, by thread id, with its name (as Linux keeps it: 15 characters) made generic (digits → N). */
        Map<Long, ThreadCpu> threadCpu() {
            Map<Long, ThreadCpu> threads = new java.util.HashMap<>();
            if (pid() == 0) {
                return threads;
            }
            try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        threads.put(Long.parseLong(task.getFileName().toString()),
                                new ThreadCpu(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                    } catch (IOException | RuntimeException threadEnded) {
                        // gone between the listing and the read
                    }
                }
            } catch (IOException | RuntimeException processEnded) {
                // nothing to report
            }
            return threads;
        }

        /** CPU ticks spent between two {@link #threadCpu()} snapshots, per thread-name group. */
        static Map<String, Long> byGroup(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
            Map<String, Long> groups = new TreeMap<>();
            after.forEach((tid, cpu) -> {
                ThreadCpu earlier = before.get(tid);
                long spent = cpu.ticks() - (earlier == null ? 0 : earlier.ticks());
                groups.merge(cpu.group(), spent, Long::sum);
            });
            return groups;
        }

        private long statusField(String name) {
            if (pid() == 0) {
                return -1;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                    if (line.startsWith(name)) {
                        return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process has ended
            }
            return -1;
        }
    }

    record Options(double rate, Duration duration, Duration warmup, Duration settleMax, int users, Duration drain, String secret,
                   String channelToken, Path portsFile, Path botPidFile, Path dbPidFile, Path jsonOut, Path timelineOut, int botPort,
                   int apiPort, Duration apiLatency, Duration startupTimeout, Duration requestTimeout, long seed,
                   String db, String heap, String label, int progressEvery, int crisisEvery) {

        static final String USAGE = """
                usage: java bench/src/LoadGenerator.java --secret S [--rate 500] [--duration 30s] [--warmup 30s] [--settle-max 120s]
                       [--users 2000] [--drain 30s] [--channel-token bench-token] [--ports-file F] [--bot-pid-file F] [--db-pid-file F]
                       [--bot-port N] [--api-port N] [--api-latency 0ms] [--json-out F] [--timeline-out F]
                       [--startup-timeout 180s] [--request-timeout 10s] [--seed 1] [--db h2] [--heap ?]
                       [--label text] [--progress-every 5] [--crisis-every 0]""";

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("rate", "duration", "warmup", "settle-max", "users", "drain", "secret", "channel-token",
                    "ports-file", "bot-pid-file", "db-pid-file", "json-out", "timeline-out", "bot-port", "api-port", "api-latency",
                    "startup-timeout", "request-timeout", "seed", "db", "heap", "label", "progress-every", "crisis-every");
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            String secret = given.get("secret");
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("--secret (the bot's channel secret) is required");
            }
            double rate = Double.parseDouble(given.getOrDefault("rate", "500"));
            int users = Integer.parseInt(given.getOrDefault("users", "2000"));
            if (rate <= 0 || rate > 100_000 || users < 1) {
                throw new IllegalArgumentException("--rate must be in (0, 100000] and --users at least 1");
            }
            int crisisEvery = Integer.parseInt(given.getOrDefault("crisis-every", "0"));
            if (crisisEvery < 0) {
                throw new IllegalArgumentException("--crisis-every is a count of events (0: none), not " + crisisEvery);
            }
            return new Options(rate, duration(given.getOrDefault("duration", "30s")), duration(given.getOrDefault("warmup", "30s")),
                    duration(given.getOrDefault("settle-max", "120s")),
                    users, duration(given.getOrDefault("drain", "30s")), secret, given.getOrDefault("channel-token", "bench-token"),
                    path(given.get("ports-file")), path(given.get("bot-pid-file")), path(given.get("db-pid-file")), path(given.get("json-out")),
                    path(given.get("timeline-out")),
                    Integer.parseInt(given.getOrDefault("bot-port", "0")), Integer.parseInt(given.getOrDefault("api-port", "0")),
                    duration(given.getOrDefault("api-latency", "0ms")), duration(given.getOrDefault("startup-timeout", "180s")),
                    duration(given.getOrDefault("request-timeout", "10s")), Long.parseLong(given.getOrDefault("seed", "1")),
                    given.getOrDefault("db", "h2"), given.getOrDefault("heap", "?"), given.getOrDefault("label", "webhook"),
                    Integer.parseInt(given.getOrDefault("progress-every", "5")), crisisEvery);
        }

        /** {@code 30s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
        static Duration duration(String text) {
            Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?").matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration (e.g. 30s, 500ms, 2m): " + text);
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            long millis = Math.round(switch (unit) {
                case "ms" -> amount;
                case "m" -> amount * 60_000;
                default -> amount * 1000;
            });
            return Duration.ofMillis(millis);
        }

        private static Path path(String value) {
            return value == null ? null : Path.of(value);
        }
    }
}
