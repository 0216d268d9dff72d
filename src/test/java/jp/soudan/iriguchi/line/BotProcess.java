package jp.soudan.iriguchi.line;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;

import jp.soudan.iriguchi.IriguchiApplication;

/**
 * The bot (with the {@link EchoTurnHandler echo conversation}) in a JVM of its own, so that a test
 * can kill it as an operating system kills a machine's process: no shutdown hook, no graceful stop,
 * leases and half-done work left in the database as they were.
 *
 * <p>{@link #main} is what the child runs; {@link #start} launches it from a test with the test
 * JVM's own {@code java} and class path.
 */
final class BotProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BotProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(IriguchiApplication.class, EchoTurnHandler.class).run(args);
    }

    /**
     * Starts the bot in a new JVM and waits until it is ready for traffic.
     *
     * @param log where the child's output goes (it is the bot's usual log: no message text, no ids)
     * @param properties Spring properties, without {@code --}; the port is chosen here
     */
    static BotProcess start(Path log, Duration readyWithin, List<String> properties) {
        int port = freePort();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BotProcess.class.getName(), "--server.port=" + port));
        properties.forEach(p -> command.add("--" + p));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            BotProcess bot = new BotProcess(process, port);
            bot.awaitReady(readyWithin);
            return bot;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bot's JVM", e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the JVM ends at once, without running anything of its own. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot's JVM ended with " + process.exitValue() + " before it was ready");
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the bot's JVM was not ready within " + within);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
