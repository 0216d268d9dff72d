package jp.soudan.iriguchi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void featuresTalkOnlyThroughTheirPublicTypes() {
        ApplicationModules.of(IriguchiApplication.class).verify();
    }
}
