package jp.soudan.iriguchi.desk;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who may reach what. Four filter chains:
 * <ol>
 * <li>{@code POST /callback}: LINE's webhook alone, with none of the filters that protect pages and
 *     sessions ({@link #lineWebhookChain}).</li>
 * <li>{@code /api/**}: the JSON API. HTTP Basic for {@link Role#API} accounts (machines, no CSRF
 *     token: they send credentials on every call), or the console's session (then with CSRF).</li>
 * <li>{@code /desk/**}, {@code /login}, {@code /logout}: the console. Form login with the one-time
 *     code, CSRF on every form, a strict content security policy.</li>
 * <li>Everything else: only {@link #OPEN_PATHS} (LINE's signed webhook, the development simulator,
 *     health probes, the API description), and {@link #METRICS} from the Prometheus server's
 *     network ({@link DeskSettings#metricsFrom()}); any other path is refused, so a new endpoint is
 *     closed until someone decides to open it here.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class DeskSecurityConfiguration {

    /**
     * Reachable without login. {@code /callback} checks LINE's signature itself; the API description
     * is public (only the tickets group: the full one would also list the console's pages).
     */
    static final String[] OPEN_PATHS = {
            "/callback", "/simulator/**", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs/tickets", "/error"};

    /**
     * The metrics: no resident's data, but how busy the desk is and when, which is the city's own
     * business; readable from {@link DeskSettings#metricsFrom()} only.
     */
    static final String METRICS = "/actuator/prometheus";

    static final String SIMULATED_LINE_API = "/v2/bot/**";

    static final String SETUP_PAGE = "/desk/totp/setup";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the algorithm's id stored in front of each hash so it can be changed later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The security filters are not observed one by one: nothing reads those observations (there is no
     * tracing), and wrapping each filter of each request in one took about 5 % of the bot's CPU under
     * load, mostly on LINE's webhook (bench/results.md, session 6). The HTTP request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** The console's login: password and one-time code. Also keeps Boot from making a default user. */
    @Bean
    AuthenticationManager consoleAuthentication(StaffAccounts accounts, PasswordEncoder passwords, TotpCodes totp,
                                                DeskSettings settings) {
        return new ProviderManager(new StaffAuthentication(accounts, passwords, totp, settings.totp().required(), false));
    }

    /**
     * LINE's webhook is authenticated by its signature (the LINE SDK's interceptor, after
     * {@code line.WebhookRequestGuard}), not by a session or a cookie, and is answered with an empty
     * 200 that no browser reads: it needs none of the filters that protect the console's pages, and
     * at hundreds of posts a second their default set cost about 4 % of the bot's CPU (bench/results.md,
     * session 11). Any other method on the path goes to {@link #everythingElse}.
     */
    @Bean
    @Order(0)
    SecurityFilterChain lineWebhookChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/callback"))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, StaffAccounts accounts, PasswordEncoder passwords, TotpCodes totp,
                                 SecurityContextRepository contexts) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("soudan-iriguchi-api");
        basic.afterPropertiesSet();
        http.securityMatcher("/api/**")
                .authenticationManager(new ProviderManager(new StaffAuthentication(accounts, passwords, totp, false, true)))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Role.STAFF.name(), Role.SUPERVISOR.name(), Role.API.name())
                        .anyRequest().hasAnyRole(Role.STAFF.name(), Role.API.name()))
                .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // A request carrying its own credentials is not a browser riding on a session cookie.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basic))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, AuthenticationManager consoleAuthentication, AuditLog audit,
                                     DeskSettings settings, SecurityContextRepository contexts) throws Exception {
        http.securityMatcher("/desk/**", "/login", "/logout")
                .authenticationManager(consoleAuthentication)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/desk/assets/**", "/desk/denied").permitAll()
                        .requestMatchers("/desk/totp/**").authenticated()
                        .requestMatchers("/desk/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/desk/tickets/**").hasRole(Role.STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/desk/queue/**", "/desk/tickets/**", "/desk/export.csv")
                                .hasAnyRole(Role.STAFF.name(), Role.SUPERVISOR.name())
                        .requestMatchers(HttpMethod.GET, "/desk", "/desk/")
                                .hasAnyRole(Role.STAFF.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                        .anyRequest().denyAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .loginProcessingUrl("/login")
                        .authenticationDetailsSource(LoginDetails::new)
                        .successHandler(new LoginSucceeded(audit, settings))
                        .failureHandler(new LoginFailed(audit)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new EnrolFirst()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, DeskSettings settings,
                                       @Value("${iriguchi.simulator.enabled:false}") boolean simulator,
                                       @Value("${iriguchi.simulator.callback-path:/callback}") String simulatorCallback)
            throws Exception {
        http.authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(OPEN_PATHS).permitAll();
                    authorize.requestMatchers(METRICS).access(new FromNetworks(settings.metricsFrom()));
                    if (simulator) {
                        // The development simulator's stand-in for LINE's Messaging API, which the bot
                        // calls on its own server, and the webhook path it posts to; absent (and so
                        // closed) with a real channel.
                        authorize.requestMatchers(SIMULATED_LINE_API, simulatorCallback).permitAll();
                    }
                    authorize.anyRequest().denyAll();
                })
                // Only the open paths are reachable through this chain and none of them uses a
                // session: LINE's webhook is authenticated by its signature, not by a cookie.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * Lets a request through when it comes straight from one of the networks: not through a reverse
     * proxy, whose own address (often this machine's) says nothing about who asked.
     */
    private static final class FromNetworks implements AuthorizationManager<RequestAuthorizationContext> {
        private final List<IpAddressMatcher> networks;

        FromNetworks(List<String> networks) {
            this.networks = networks.stream().map(IpAddressMatcher::new).toList();
        }

        @Override
        public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                             RequestAuthorizationContext context) {
            HttpServletRequest request = context.getRequest();
            boolean proxied = request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null;
            return new AuthorizationDecision(!proxied && networks.stream().anyMatch(network -> network.matches(request)));
        }
    }

    /** After login: session timeout, audit, and the enrolment page for an account that must enrol first. */
    private static final class LoginSucceeded extends SavedRequestAwareAuthenticationSuccessHandler {
        private final AuditLog audit;
        private final DeskSettings settings;

        LoginSucceeded(AuditLog audit, DeskSettings settings) {
            this.audit = audit;
            this.settings = settings;
            setDefaultTargetUrl("/desk");
            setAlwaysUseDefaultTargetUrl(false);
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            Authentication authentication) throws ServletException, IOException {
            request.getSession().setMaxInactiveInterval((int) settings.sessionTimeout().toSeconds());
            audit.record(authentication.getName(), AuditLog.Action.LOGIN, null, null, AuditLog.Via.CONSOLE);
            if (enrolling(authentication)) {
                getRedirectStrategy().sendRedirect(request, response, SETUP_PAGE);
                return;
            }
            super.onAuthenticationSuccess(request, response, authentication);
        }
    }

    private static final class LoginFailed extends SimpleUrlAuthenticationFailureHandler {
        private final AuditLog audit;

        LoginFailed(AuditLog audit) {
            super("/login?error");
            this.audit = audit;
        }

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                            AuthenticationException exception) throws IOException, ServletException {
            String username = request.getParameter("username");
            audit.record(username == null || username.isBlank() ? "(空欄)" : username.strip(), AuditLog.Action.LOGIN_FAILED,
                    null, null, AuditLog.Via.CONSOLE);
            super.onAuthenticationFailure(request, response, exception);
        }
    }

    /** An account that still has to enrol its authenticator app is sent there, not shown "forbidden". */
    private static final class EnrolFirst implements AccessDeniedHandler {
        private final AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();

        EnrolFirst() {
            forbidden.setErrorPage("/desk/denied");
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response,
                           org.springframework.security.access.AccessDeniedException denied) throws IOException, ServletException {
            Authentication current = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            if (current != null && enrolling(current) && "GET".equals(request.getMethod())) {
                response.sendRedirect(request.getContextPath() + SETUP_PAGE);
                return;
            }
            forbidden.handle(request, response, denied);
        }
    }

    static boolean enrolling(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> StaffAuthentication.ENROLLING.equals(authority.getAuthority()));
    }
}
