package jp.soudan.iriguchi.desk;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of the ticket API, at {@code /v3/api-docs/tickets}: only {@code /api/**},
 * not the console's pages or LINE's webhook.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    GroupedOpenApi ticketsApi() {
        return GroupedOpenApi.builder()
                .group("tickets")
                .pathsToMatch("/api/**")
                .addOpenApiCustomizer(openApi -> describe(openApi))
                .build();
    }

    private static void describe(OpenAPI openApi) {
        openApi.info(new Info()
                        .title("相談の入口 ticket API")
                        .version("1")
                        .description("Referral tickets for the city's case-management systems. Authenticate with HTTP Basic "
                                + "as an API account (role API, created by an administrator); it sees the tickets of its "
                                + "desks only. A ticket of another desk answers 404, exactly like one that does not exist."))
                .components((openApi.getComponents() == null ? new Components() : openApi.getComponents())
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }
}
