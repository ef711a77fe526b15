package io.toggltasksync.k8s;

import static io.toggltasksync.k8s.KustomizeRenderTest.all;
import static io.toggltasksync.k8s.KustomizeRenderTest.effectiveEnv;
import static io.toggltasksync.k8s.KustomizeRenderTest.kinds;
import static io.toggltasksync.k8s.KustomizeRenderTest.one;
import static io.toggltasksync.k8s.KustomizeRenderTest.podTemplates;
import static io.toggltasksync.k8s.KustomizeRenderTest.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The check overlays ({@code k8s/overlays/<overlay>-check}): each renders the one-off Job {@code toggl-task-sync-check}
 * instead of its overlay's workload, with that overlay's settings, image and sync state (read-only), and passes the
 * checks every overlay passes ({@link KustomizeRenderTest}). Needs {@code kubectl} on the PATH, as that test does.
 */
class CheckJobRenderTest {

    static final String CHECK_JOB = "toggl-task-sync-check";
    /** check overlay -> the overlay it checks. */
    static final Map<String, String> CHECKS = Map.of(
            "jira-cronjob-check", KustomizeRenderTest.JIRA_CRONJOB,
            "csv-migration-job-check", KustomizeRenderTest.CSV_MIGRATION_JOB,
            "scheduled-deployment-check", KustomizeRenderTest.SCHEDULED_DEPLOYMENT,
            "github-cronjob-check", KustomizeRenderTest.GITHUB_CRONJOB,
            "github-scheduled-deployment-check", KustomizeRenderTest.GITHUB_SCHEDULED_DEPLOYMENT);

    static Stream<String> checks() {
        return CHECKS.keySet().stream().sorted();
    }

    private static Container container(String check) {
        return one(check, Job.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container workload(String overlay) {
        PodTemplateSpec pod = podTemplates(overlay).values().iterator().next();
        return pod.getSpec().getContainers().get(0);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void theCheckJobRunsInsteadOfTheWorkload(String check) {
        assertThat(kinds(check)).doesNotContain("CronJob", "Deployment", "Service", "Ingress", "NetworkPolicy");
        assertThat(one(check, Job.class).getMetadata().getName()).isEqualTo(CHECK_JOB);
        assertThat(one(check, Job.class).getSpec().getBackoffLimit()).isZero();
    }

    @ParameterizedTest
    @MethodSource("checks")
    void itChecksWithTheSettingsAndImageOfTheOverlayItChecks(String check) {
        String overlay = CHECKS.get(check);
        Map<String, String> env = effectiveEnv(check, container(check));
        // none turns the check into a long-running app (a webhook secret would also open its HTTP port)
        assertThat(env).containsEntry("SYNC_CHECK", "true").doesNotContainKeys("SYNC_SCHEDULE", "JIRA_WEBHOOK_SECRET", "GITHUB_WEBHOOK_SECRET");
        assertThat(env.get("SYNC_SOURCE")).isEqualTo(effectiveEnv(overlay, workload(overlay)).get("SYNC_SOURCE"));
        // a check is no run and never pushes, but it checks the workload's push URL as it is
        assertThat(env.get("METRICS_PUSH_URL")).isEqualTo(effectiveEnv(overlay, workload(overlay)).get("METRICS_PUSH_URL"));
        // the same ConfigMap as the workload's: its name carries a hash of its values (the workload's own env entries,
        // such as the Deployment's schedule and webhook secret, are not the check's business)
        assertThat(container(check).getEnvFrom().get(0).getConfigMapRef().getName())
                .isEqualTo(workload(overlay).getEnvFrom().get(0).getConfigMapRef().getName());
        assertThat(container(check).getImage()).isEqualTo(workload(overlay).getImage());
        // the worklog lines come with the workload's switch: off in every Jira overlay until it is turned on, and absent
        // where there is no Jira to write worklogs to
        assertThat(env.get("WORKLOG_SYNC")).isEqualTo(effectiveEnv(overlay, workload(overlay)).get("WORKLOG_SYNC"))
                .isEqualTo("jira".equals(env.get("SYNC_SOURCE")) ? "false" : null);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void itReadsTheSyncStateOfTheOverlaysClaimAndCannotWriteIt(String check) {
        String claim = one(CHECKS.get(check), PersistentVolumeClaim.class).getMetadata().getName();
        assertThat(all(check, PersistentVolumeClaim.class)).extracting(c -> c.getMetadata().getName()).containsExactly(claim);
        PodSpec spec = one(check, Job.class).getSpec().getTemplate().getSpec();
        Path stateDir = Path.of(effectiveEnv(check, container(check)).get("SYNC_STATE_FILE")).getParent();
        VolumeMount mount = container(check).getVolumeMounts().stream().filter(m -> Path.of(m.getMountPath()).equals(stateDir))
                .findFirst().orElseThrow(() -> new AssertionError(check + ": nothing mounted at " + stateDir));
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(volume(spec, mount.getName()).getPersistentVolumeClaim().getClaimName()).isEqualTo(claim);
    }

    @ParameterizedTest
    @MethodSource("checks")
    void theCsvIsWhereCsvPathPoints(String check) {
        Map<String, String> env = effectiveEnv(check, container(check));
        if (!"csv".equals(env.get("SYNC_SOURCE"))) {
            return;
        }
        Path csvDir = Path.of(env.get("CSV_PATH")).getParent();
        assertThat(container(check).getVolumeMounts()).anySatisfy(m -> assertThat(Path.of(m.getMountPath())).isEqualTo(csvDir));
    }

    @ParameterizedTest
    @MethodSource("checks")
    void itPassesTheChecksOfEveryOverlay(String check) {
        KustomizeRenderTest every = new KustomizeRenderTest();
        every.everyDocumentIsAKnownKindWithOnlyKnownFields(check);
        every.everyDocumentCarriesTheAppKubernetesIoLabels(check);
        every.everyConfigMapReferenceResolvesToARenderedConfigMap(check);
        every.everyContainerRunsTheImageSetByKustomize(check);
        every.everyPodRunsAsNonRootWithAReadOnlyRootAndNoCapabilities(check);
        every.podsGetMoreTimeToStopThanTheAppWaitsForItsRunInFlight(check);
        every.reportAndDeadLetterFilesAreWrittenToAnEmptyDir(check);
        every.memoryLimitCoversTheMeasuredPeakOfAHundredThousandRowRun(check);
        every.tokensComeOnlyFromTheSecret(check);
    }
}
