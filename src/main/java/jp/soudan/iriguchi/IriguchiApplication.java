package jp.soudan.iriguchi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * 相談の入口: the LINE front door of a municipal comprehensive welfare consultation desk.
 *
 * <p>Each direct sub-package is one feature (a Spring Modulith application module); see
 * {@code package-info.java} in each for what it is for.
 */
@SpringBootApplication
public class IriguchiApplication {

    public static void main(String[] args) {
        SpringApplication.run(IriguchiApplication.class, args);
    }
}
