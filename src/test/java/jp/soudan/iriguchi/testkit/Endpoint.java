package jp.soudan.iriguchi.testkit;

import java.util.Arrays;
import java.util.Optional;

/** The Messaging API endpoints the bot uses, and so the ones {@link FakeLineApi} implements. */
public enum Endpoint {
    REPLY("/v2/bot/message/reply"),
    PUSH("/v2/bot/message/push"),
    /** showLoadingAnimation. */
    LOADING("/v2/bot/chat/loading/start");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    static Optional<Endpoint> of(String method, String path) {
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(e -> e.path.equals(path)).findFirst();
    }
}
