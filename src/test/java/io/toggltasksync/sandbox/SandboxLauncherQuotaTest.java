package io.toggltasksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.config.ConfigException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SandboxLauncherQuotaTest {

    private static OptionalInt quota(String raw) {
        SandboxLauncher launcher = new SandboxLauncher();
        launcher.hourlyQuota = Optional.ofNullable(raw);
        return launcher.quota();
    }

    @Test
    void unsetOrBlankMeansNoQuota() {
        assertThat(quota(null)).isEmpty();
        assertThat(quota(" ")).isEmpty();
    }

    @Test
    void aPositiveWholeNumberIsTheHourlyQuota() {
        assertThat(quota(" 240 ")).hasValue(240);
    }

    @Test
    void anythingElseIsAConfigurationErrorNamingTheSetting() {
        for (String bad : new String[] {"0", "-5", "abc", "1.5"}) {
            assertThatThrownBy(() -> quota(bad)).isInstanceOf(ConfigException.class)
                    .hasMessage("sandbox.hourly-quota (SANDBOX_HOURLY_QUOTA) must be a whole number >= 1, got '" + bad + "'");
        }
    }
}
