package jp.soudan.iriguchi.desk;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (Spring Security handles the POST). */
@Controller
class LoginController {

    private final DeskSettings settings;

    LoginController(DeskSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("totpRequired", settings.totp().required());
        model.addAttribute("failedMessage", StaffAuthentication.FAILED);
        return "desk/login";
    }
}
