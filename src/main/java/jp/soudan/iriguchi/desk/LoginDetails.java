package jp.soudan.iriguchi.desk;

import java.io.Serial;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The login form's extra field: the one-time code from the authenticator app. */
class LoginDetails extends WebAuthenticationDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String CODE_PARAMETER = "code";

    private final transient @Nullable String code;

    LoginDetails(HttpServletRequest request) {
        super(request);
        this.code = request.getParameter(CODE_PARAMETER);
    }

    @Nullable String code() {
        return code;
    }
}
