package jp.soudan.iriguchi.line;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.linecorp.bot.parser.WebhookParser;

/**
 * Stands before the LINE SDK's webhook handling and answers what the SDK gets wrong.
 *
 * <p>The SDK reads the body itself and fails with a 500 on a signature that is not Base64; LINE
 * (and anyone probing the endpoint) must get a 4xx for bad input, and a body too large to be a
 * real webhook is refused before it is read whole. Under overload it admits a bounded number of
 * requests and answers the rest 503 (LINE redelivers), so that a burst cannot exhaust memory. The body is kept so that the SDK's interceptor
 * and {@link InboundWebhookController} both see the same bytes: the signature covers the raw body,
 * and the raw events are what we store.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WebhookRequestGuard extends OncePerRequestFilter {

    static final String RAW_BODY = WebhookRequestGuard.class.getName() + ".rawBody";
    private static final Logger log = LoggerFactory.getLogger(WebhookRequestGuard.class);

    private final LineSettings settings;
    private final Semaphore inFlight;

    WebhookRequestGuard(LineSettings settings) {
        this.settings = settings;
        this.inFlight = new Semaphore(settings.maxConcurrentWebhooks());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && InboundWebhookController.PATH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = inFlight.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "2");
            reject(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many webhook requests at once; please redeliver.");
            return;
        }
        try {
            guard(request, response, chain);
        } finally {
            inFlight.release();
        }
    }

    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = settings.maxWebhookBody();
        if (request.getContentLengthLong() > limit) {
            reject(response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            reject(response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
            return;
        }
        String signature = request.getHeader(WebhookParser.SIGNATURE_HEADER_NAME);
        if (signature == null || signature.isBlank()) {
            reject(response, HttpStatus.BAD_REQUEST, "Missing X-Line-Signature header.");
            return;
        }
        if (!isBase64(signature)) {
            reject(response, HttpStatus.BAD_REQUEST, "The X-Line-Signature header is not Base64.");
            return;
        }
        request.setAttribute(RAW_BODY, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean isBase64(String signature) {
        try {
            Base64.getDecoder().decode(signature.trim());
            return true;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Returns the body, or null when it is longer than the limit. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void reject(HttpServletResponse response, HttpStatus status, String reason) throws IOException {
        log.info("Webhook request refused: {} {}", status.value(), reason);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status.value() + ",\"error\":\"" + reason + "\"}");
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
