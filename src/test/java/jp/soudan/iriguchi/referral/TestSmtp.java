package jp.soudan.iriguchi.referral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server in the test JVM (GreenMail) on a port of its own, which a test can stop and
 * start again on the same port to play a mail server that is down for a while.
 */
public final class TestSmtp {

    /**
     * A received mail.
     *
     * @param to the recipient
     * @param subject the subject
     * @param body the text
     */
    public record Mail(String to, String subject, String body) {
    }

    private final int port;
    private GreenMail server;

    private TestSmtp(int port) {
        this.port = port;
    }

    /** Picks a free port and starts the server on it. */
    public static TestSmtp start() {
        TestSmtp smtp = new TestSmtp(freePort());
        smtp.up();
        return smtp;
    }

    public int port() {
        return port;
    }

    public synchronized void up() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Stops the server: connections to its port are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized void clear() {
        up();
        server.reset();
    }

    /**
     * Waits until at least {@code count} mails whose subject names the case number have arrived,
     * then returns those. (Mails of other tests' tickets may arrive meanwhile; they are ignored.)
     */
    public List<Mail> awaitAbout(String caseNumber, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Mail> about = received().stream().filter(mail -> mail.subject().contains(caseNumber)).toList();
            if (about.size() >= count) {
                return about;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " mails about " + caseNumber + " within " + timeout
                        + ", got " + about + " among " + received());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public synchronized List<Mail> received() {
        if (server == null) {
            return List.of();
        }
        return java.util.Arrays.stream(server.getReceivedMessages()).map(TestSmtp::mail).toList();
    }

    private static Mail mail(MimeMessage message) {
        try {
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), message.getContent().toString());
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
