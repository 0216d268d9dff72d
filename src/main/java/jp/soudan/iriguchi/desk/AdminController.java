package jp.soudan.iriguchi.desk;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.soudan.iriguchi.desk.AuditLog.Action;
import jp.soudan.iriguchi.desk.AuditLog.Via;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Desk;

/**
 * Administration: staff accounts, the audit log, and the desks as configured. Administrators see
 * no tickets. Desks, routing and hours are the city's configuration file (versioned, validated at
 * start-up), so they are shown here, not edited.
 */
@Controller
@RequestMapping("/desk/admin")
class AdminController {

    private static final String USERNAME = "[A-Za-z0-9._-]{3,100}";

    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Casework casework;
    private final TicketViews views;
    private final DeskSettings settings;

    AdminController(StaffAccounts accounts, PasswordEncoder passwords, AuditLog audit, Casework casework, TicketViews views,
                    DeskSettings settings) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.casework = casework;
        this.views = views;
        this.settings = settings;
    }

    /**
     * An account as the list shows it.
     *
     * @param username login name
     * @param displayName name
     * @param role role word
     * @param desks desk names
     * @param deskIds desk ids
     * @param totp enrolled
     * @param enabled may log in
     * @param lastLogin last login
     */
    record AccountRow(String username, String displayName, String role, String desks, Set<String> deskIds, boolean totp,
                      boolean enabled, String lastLogin) {
    }

    @GetMapping("/accounts")
    String accounts(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        List<Desk> desks = casework.desks();
        model.addAttribute("me", me);
        model.addAttribute("desks", desks);
        model.addAttribute("roles", Role.values());
        model.addAttribute("totpRequired", settings.totp().required());
        model.addAttribute("accounts", accounts.all().stream().map(a -> new AccountRow(a.username(), a.displayName(),
                a.role().label(), a.desks().stream().map(id -> deskName(desks, id)).sorted().collect(Collectors.joining("、")),
                a.desks(), a.totpEnrolled(), a.enabled(), Labels.dateTime(a.lastLoginAt(), views.zone()))).toList());
        return "desk/admin/accounts";
    }

    @PostMapping("/accounts")
    String create(@AuthenticationPrincipal StaffPrincipal me, @RequestParam String username, @RequestParam String displayName,
                  @RequestParam Role role, @RequestParam(required = false) @Nullable List<String> desks,
                  @RequestParam String password, RedirectAttributes flash) {
        String name = username.strip();
        Set<String> deskIds = knownDesks(desks);
        String problem = !name.matches(USERNAME) ? "ユーザー名は3〜100文字の半角英数字と . _ - で入力してください。"
                : displayName.isBlank() ? "表示名を入力してください。"
                : password.length() < BootstrapAdministrator.MIN_PASSWORD_LENGTH
                        ? "初期パスワードは" + BootstrapAdministrator.MIN_PASSWORD_LENGTH + "文字以上にしてください。"
                : (role == Role.STAFF || role == Role.API) && deskIds.isEmpty() ? "相談員とAPI連携には窓口を1つ以上選んでください。"
                : null;
        if (problem != null) {
            flash.addFlashAttribute("error", problem);
            return "redirect:/desk/admin/accounts";
        }
        try {
            accounts.create(name, displayName.strip(), passwords.encode(password), role,
                    role == Role.STAFF || role == Role.API ? deskIds : Set.of());
        } catch (DuplicateKeyException taken) {
            flash.addFlashAttribute("error", "ユーザー名「" + name + "」はすでに使われています。");
            return "redirect:/desk/admin/accounts";
        }
        audit.record(me.username(), Action.ACCOUNT_CREATED, null, name + " " + role, Via.CONSOLE);
        flash.addFlashAttribute("notice", "アカウント「" + name + "」を作りました。初期パスワードを本人に安全な方法で伝えてください。");
        return "redirect:/desk/admin/accounts";
    }

    @PostMapping("/accounts/{username}/desks")
    String desks(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String username,
                 @RequestParam(required = false) @Nullable List<String> desks, RedirectAttributes flash) {
        return change(me, username, flash, "担当窓口を変更しました。", "desks " + String.join(",", knownDesks(desks)),
                () -> accounts.setDesks(username, knownDesks(desks)));
    }

    @PostMapping("/accounts/{username}/reset-totp")
    String resetTotp(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String username, RedirectAttributes flash) {
        return change(me, username, flash, "認証アプリの登録を解除しました。次のログインで登録しなおします。", "reset-totp",
                () -> accounts.setTotpSecret(username, null));
    }

    @PostMapping("/accounts/{username}/enabled")
    String enabled(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String username, @RequestParam boolean enabled,
                   RedirectAttributes flash) {
        if (!enabled && username.equals(me.username())) {
            flash.addFlashAttribute("error", "自分のアカウントは停止できません。");
            return "redirect:/desk/admin/accounts";
        }
        return change(me, username, flash, enabled ? "ログインできるようにしました。" : "ログインを停止しました。",
                enabled ? "enabled" : "disabled", () -> accounts.setEnabled(username, enabled));
    }

    @PostMapping("/accounts/{username}/password")
    String password(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String username, @RequestParam String password,
                    RedirectAttributes flash) {
        if (password.length() < BootstrapAdministrator.MIN_PASSWORD_LENGTH) {
            flash.addFlashAttribute("error", "パスワードは" + BootstrapAdministrator.MIN_PASSWORD_LENGTH + "文字以上にしてください。");
            return "redirect:/desk/admin/accounts";
        }
        return change(me, username, flash, "パスワードを設定しました。", "password",
                () -> accounts.setPassword(username, passwords.encode(password)));
    }

    private String change(StaffPrincipal me, String username, RedirectAttributes flash, String done, String what, Runnable change) {
        if (accounts.find(username).isEmpty()) {
            flash.addFlashAttribute("error", "そのアカウントはありません。");
            return "redirect:/desk/admin/accounts";
        }
        change.run();
        audit.record(me.username(), Action.ACCOUNT_CHANGED, null, username + " " + what, Via.CONSOLE);
        flash.addFlashAttribute("notice", username + ": " + done);
        return "redirect:/desk/admin/accounts";
    }

    @GetMapping("/audit")
    String audit(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) @Nullable String caseNumber,
                 @RequestParam(required = false) @Nullable String actor, Model model) {
        audit.record(me.username(), Action.AUDIT_VIEWED, caseNumber == null || caseNumber.isBlank() ? null : caseNumber.strip(),
                null, Via.CONSOLE);
        model.addAttribute("me", me);
        model.addAttribute("caseNumber", caseNumber);
        model.addAttribute("actor", actor);
        model.addAttribute("zone", views.zone());
        model.addAttribute("entries", audit.find(caseNumber, actor, 500).stream()
                .map(e -> new AuditRow(Labels.dateTime(e.at(), views.zone()), e.actor(), actionLabel(e.action()),
                        e.caseNumber() == null ? "" : e.caseNumber(), e.target() == null ? "" : e.target(),
                        e.via() == Via.API ? "API" : "画面"))
                .toList());
        return "desk/admin/audit";
    }

    /**
     * @param at when
     * @param actor who
     * @param action what
     * @param caseNumber which ticket
     * @param target what else
     * @param via console or API
     */
    record AuditRow(String at, String actor, String action, String caseNumber, String target, String via) {
    }

    @GetMapping("/desks")
    String desks(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("desks", casework.desks());
        return "desk/admin/desks";
    }

    private Set<String> knownDesks(@Nullable List<String> requested) {
        Set<String> known = casework.desks().stream().map(Desk::id).collect(Collectors.toSet());
        Set<String> chosen = new LinkedHashSet<>();
        if (requested != null) {
            requested.stream().filter(known::contains).forEach(chosen::add);
        }
        return chosen;
    }

    private static String deskName(List<Desk> desks, String id) {
        return desks.stream().filter(d -> d.id().equals(id)).map(Desk::name).findFirst().orElse(id);
    }

    private static String actionLabel(Action action) {
        return switch (action) {
            case LOGIN -> "ログイン";
            case LOGIN_FAILED -> "ログイン失敗";
            case TOTP_ENROLLED -> "認証アプリ登録";
            case LISTED -> "一覧";
            case SEARCHED -> "検索";
            case VIEWED -> "閲覧";
            case EXPORTED -> "書き出し";
            case CLAIMED -> "担当";
            case NOTE_ADDED -> "メモ";
            case REPLIED -> "返信";
            case HANDED_BACK -> "ボットに戻す";
            case TRANSFERRED -> "転送";
            case STATUS_CHANGED -> "状態変更";
            case ACCOUNT_CREATED -> "アカウント作成";
            case ACCOUNT_CHANGED -> "アカウント変更";
            case AUDIT_VIEWED -> "監査ログ閲覧";
        };
    }
}
