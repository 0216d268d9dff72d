package jp.soudan.iriguchi.desk;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.ReferralTestSupport;
import jp.soudan.iriguchi.referral.Referrals;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** The console's tests: people of each role, and tickets at two desks. */
abstract class ConsoleTestSupport extends ReferralTestSupport {

    static final StaffPrincipal KODOMO_STAFF = new StaffPrincipal("kodomo-sato", "佐藤 花子", Role.STAFF, Set.of("kodomo"));
    static final StaffPrincipal JIRITSU_STAFF = new StaffPrincipal("jiritsu-ito", "伊藤 健", Role.STAFF, Set.of("jiritsu"));
    static final StaffPrincipal SUPERVISOR = new StaffPrincipal("sv-kato", "加藤", Role.SUPERVISOR, Set.of());
    static final StaffPrincipal ADMIN = new StaffPrincipal("admin-ono", "小野", Role.ADMIN, Set.of());

    @Autowired
    MockMvc mvc;
    @Autowired
    Referrals referrals;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    TotpCodes totp;
    @LocalServerPort
    int port;

    /** Logged in as this person (with the authorities the login would give). */
    static RequestPostProcessor as(StaffPrincipal who) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(who.role().authority()))));
    }

    /** Logged in, but the authenticator app is not enrolled yet. */
    static RequestPostProcessor enrolling(StaffPrincipal who) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(StaffAuthentication.ENROLLING))));
    }

    String kodomoTicket() {
        return referrals.open(request(residentOnLine().id(), List.of("child-rearing"), Urgency.NORMAL, "子育てがつらい"))
                .caseNumber();
    }

    String jiritsuTicket() {
        return referrals.open(request(newResident(), List.of("employment"), Urgency.NORMAL, "仕事が見つからない")).caseNumber();
    }

    /** An account in the database (for real logins); returns its TOTP secret, if one was enrolled. */
    String account(String username, String password, Role role, Set<String> desks, boolean withTotp) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, username, passwords.encode(password), role, desks);
        }
        if (!withTotp) {
            return null;
        }
        String secret = totp.newSecret();
        accounts.setTotpSecret(username, secret);
        return secret;
    }

    long auditCount(String actor, String action, String caseNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = :actor AND action = :action "
                        + "AND (case_number = :caseNumber OR :caseNumber IS NULL)")
                .param("actor", actor).param("action", action).param("caseNumber", caseNumber)
                .query(Long.class).single();
    }

    List<String> historyOf(String caseNumber) {
        return jdbc.sql("SELECT e.kind FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE t.case_number = :n ORDER BY e.id")
                .param("n", caseNumber).query(String.class).list();
    }
}
