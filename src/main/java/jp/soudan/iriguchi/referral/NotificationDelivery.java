package jp.soudan.iriguchi.referral;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.referral.NotificationOutbox.Notification;

/**
 * Sends stored notifications: at once after the transaction that stored them commits, and on a
 * timer for retries and for anything another instance or a crash left behind. A mail server that
 * is down only delays a notice: it is retried with growing waits until {@code giveUpAfter}.
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    /** A mail server that accepts a connection and then hangs must not hold the sender forever. */
    private static final String SMTP_TIMEOUT_MILLIS = "10000";

    private final NotificationOutbox outbox;
    private final @Nullable MailSender mail;
    private final ReferralSettings.Notification settings;
    private final Clock clock;
    private final HttpClient http;
    private final ReferralMetrics metrics;

    NotificationDelivery(NotificationOutbox outbox, ObjectProvider<MailSender> mail, ReferralSettings settings, Clock clock,
                         ReferralMetrics metrics) {
        this.outbox = outbox;
        this.mail = mail.getIfAvailable();
        this.settings = settings.notification();
        this.clock = clock;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(this.settings.webhookTimeout()).build();
        if (this.mail instanceof JavaMailSenderImpl javaMail) {
            for (String timeout : new String[] {"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
                javaMail.getJavaMailProperties().putIfAbsent(timeout, SMTP_TIMEOUT_MILLIS);
            }
        }
    }

    /** Sends what is due now on a thread of its own, so that the committing caller does not wait. */
    void wake() {
        Thread.ofVirtual().name("desk-notification").start(this::deliverDue);
    }

    @Scheduled(fixedDelayString = "${iriguchi.referral.notification.poll-interval:5s}",
            initialDelayString = "${iriguchi.referral.notification.poll-interval:5s}")
    void deliverDue() {
        try {
            for (Notification notification : outbox.due(clock.instant(), settings.batchSize())) {
                if (outbox.claim(notification, clock.instant().plus(settings.claimFor()))) {
                    deliver(notification);
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next round tries again.
            log.warn("Sending desk notifications failed: {}", e.toString());
        }
    }

    private void deliver(Notification notification) {
        String error = switch (notification.channel()) {
            case MAIL -> sendMail(notification);
            case WEBHOOK -> callWebhook(notification);
        };
        if (error == null) {
            outbox.markSent(notification.id());
            metrics.notificationSent(notification.channel());
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(notification.createdAt(), now).compareTo(settings.giveUpAfter()) > 0) {
            outbox.markFailed(notification.id(), error);
            metrics.notificationFailed(notification.channel());
            log.warn("Desk notification {} ({}) given up after {} attempts: {}", notification.id(), notification.channel(),
                    notification.attempts() + 1, error);
            return;
        }
        Instant next = now.plus(backoff(notification.attempts()));
        outbox.markRetry(notification.id(), next, error);
        metrics.notificationRetried(notification.channel());
        log.info("Desk notification {} ({}) will be retried at {}: {}", notification.id(), notification.channel(), next, error);
    }

    private @Nullable String sendMail(Notification notification) {
        if (mail == null) {
            return "no mail server configured (spring.mail.host)";
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.mailFrom());
        message.setTo(notification.target());
        message.setSubject(notification.subject());
        message.setText(notification.body());
        try {
            mail.send(message);
            return null;
        } catch (MailException e) {
            return "mail: " + e.getClass().getSimpleName() + ": " + rootMessage(e);
        }
    }

    private @Nullable String callWebhook(Notification notification) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notification.target()))
                .timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(notification.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "webhook: HTTP " + response.statusCode();
        } catch (IOException e) {
            return "webhook: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "webhook: interrupted";
        }
    }

    private Duration backoff(int attemptsSoFar) {
        Duration exponential = settings.initialBackoff().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        Duration capped = exponential.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : exponential;
        return capped.plusMillis(ThreadLocalRandom.current().nextLong(capped.toMillis() / 10 + 1));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
