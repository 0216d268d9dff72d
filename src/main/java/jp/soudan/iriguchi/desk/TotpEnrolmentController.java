package jp.soudan.iriguchi.desk;

import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.soudan.iriguchi.desk.AuditLog.Action;
import jp.soudan.iriguchi.desk.AuditLog.Via;

/**
 * Enrolment of an authenticator app: a new secret is shown as a QR code, and it is kept only once
 * the staff member has typed a code made from it (so a mistyped secret cannot lock them out).
 * Then the session gets the account's full rights.
 */
@Controller
@RequestMapping("/desk/totp")
class TotpEnrolmentController {

    private static final String PENDING_SECRET = TotpEnrolmentController.class.getName() + ".secret";

    private final StaffAccounts accounts;
    private final TotpCodes totp;
    private final DeskSettings settings;
    private final AuditLog audit;
    private final SecurityContextRepository contexts;

    TotpEnrolmentController(StaffAccounts accounts, TotpCodes totp, DeskSettings settings, AuditLog audit,
                            SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.totp = totp;
        this.settings = settings;
        this.audit = audit;
        this.contexts = contexts;
    }

    @GetMapping("/setup")
    String setup(@AuthenticationPrincipal StaffPrincipal me, HttpSession session, Model model) {
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null) {
            secret = totp.newSecret();
            session.setAttribute(PENDING_SECRET, secret);
        }
        model.addAttribute("me", me);
        model.addAttribute("qrCode", totp.qrCodeDataUri(settings.totp().issuer(), me.username(), secret));
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        return "desk/totp-setup";
    }

    @PostMapping("/setup")
    String confirm(@AuthenticationPrincipal StaffPrincipal me, @RequestParam String code, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(PENDING_SECRET);
        OptionalLong step = secret == null ? OptionalLong.empty() : totp.verify(secret, code);
        if (step.isEmpty()) {
            model.addAttribute("error", "確認コードが違います。アプリに表示されている6けたの数字を入力してください。");
            return setup(me, session, model);
        }
        accounts.setTotpSecret(me.username(), secret);
        accounts.useTotpStep(me.username(), step.getAsLong());
        accounts.recordLogin(me.username());
        session.removeAttribute(PENDING_SECRET);
        audit.record(me.username(), Action.TOTP_ENROLLED, null, me.username(), Via.CONSOLE);

        StaffAccount account = accounts.find(me.username()).orElseThrow();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                StaffPrincipal.of(account), null, StaffAuthentication.fullAuthorities(account)));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        return "redirect:/desk";
    }
}
