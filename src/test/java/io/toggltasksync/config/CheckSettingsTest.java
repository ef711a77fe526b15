package io.toggltasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {

    private static CheckSettings load(Map<String, String> values) {
        return CheckSettings.load(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void offUnlessAsked() {
        assertThat(load(Map.of())).isEqualTo(new CheckSettings(false, null, false, null));
    }

    @Test
    void aKubernetesJobAsksWithSyncCheck() {
        assertThat(load(Map.of("sync.check", "true", "sync.check-report-file", "/work/check.json")))
                .isEqualTo(new CheckSettings(true, Path.of("/work/check.json"), false, null));
    }

    @Test
    void theProbeIsACheck() {
        assertThat(load(Map.of("sync.check-probe", "yes", "sync.probe-project", "77"))).isEqualTo(new CheckSettings(true, null, true, 77L));
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> load(Map.of("sync.check", "maybe"))).hasMessage("sync.check (SYNC_CHECK) must be true or false, got 'maybe'");
        assertThatThrownBy(() -> load(Map.of("sync.probe-project", "-1")))
                .hasMessage("sync.probe-project (SYNC_PROBE_PROJECT) must be a positive whole number, got '-1'");
    }
}
