package jp.soudan.iriguchi.desk;

import java.util.List;
import java.util.OptionalLong;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a login: password, then (when enrolled) the one-time code, in one step.
 *
 * <p>An account that must use TOTP but has not enrolled yet is let in with one authority only,
 * {@link #ENROLLING}, which opens nothing but the enrolment page. Every failure gives the same
 * message, so the form does not tell which part was wrong or whether the account exists.
 */
class StaffAuthentication implements AuthenticationProvider {

    /** The only authority of a logged-in account that still has to enrol its authenticator app. */
    static final String ENROLLING = "TOTP_ENROLLING";

    static final String FAILED = "ユーザー名、パスワード、確認コードのいずれかが違います。";

    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final TotpCodes totp;
    private final boolean totpRequired;
    private final boolean apiClients;
    /** Compared against for unknown users, so that a missing account takes as long as a wrong password. */
    private final String decoyHash;

    /**
     * @param apiClients true: accepts only {@link Role#API} accounts, without TOTP (HTTP Basic on
     *        the API); false: accepts every other role (the console's login form)
     */
    StaffAuthentication(StaffAccounts accounts, PasswordEncoder passwords, TotpCodes totp, boolean totpRequired,
                        boolean apiClients) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.totp = totp;
        this.totpRequired = totpRequired;
        this.apiClients = apiClients;
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        StaffAccount account = accounts.find(username).orElse(null);
        if (account == null) {
            passwords.matches(password, decoyHash);
            throw new BadCredentialsException(FAILED);
        }
        if (!passwords.matches(password, account.passwordHash()) || !account.enabled()
                || (account.role() == Role.API) != apiClients) {
            throw new BadCredentialsException(FAILED);
        }
        StaffPrincipal principal = StaffPrincipal.of(account);
        if (apiClients) {
            return authenticated(principal, fullAuthorities(account));
        }
        if (account.totpEnrolled()) {
            String code = authentication.getDetails() instanceof LoginDetails details ? details.code() : null;
            OptionalLong step = totp.verify(account.totpSecret(), code == null ? "" : code);
            if (step.isEmpty() || !accounts.useTotpStep(account.username(), step.getAsLong())) {
                throw new BadCredentialsException(FAILED);
            }
        } else if (totpRequired) {
            return authenticated(principal, List.of(new SimpleGrantedAuthority(ENROLLING)));
        }
        accounts.recordLogin(account.username());
        return authenticated(principal, fullAuthorities(account));
    }

    static List<GrantedAuthority> fullAuthorities(StaffAccount account) {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    private static Authentication authenticated(StaffPrincipal principal, List<GrantedAuthority> authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
