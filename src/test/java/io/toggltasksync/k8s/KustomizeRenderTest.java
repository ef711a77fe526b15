package io.toggltasksync.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.toggltasksync.testing.JiraFixture;
import io.toggltasksync.testing.TestSettings;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under k8s/overlays with {@code kubectl kustomize} (kustomize v5) and checks
 * the result as Kubernetes objects: parsed into fabric8's typed model, where a misspelled or unknown
 * field fails the test instead of being dropped silently by the API server.
 *
 * <p>Needs {@code kubectl} (client 1.27 or later, which embeds kustomize v5) on the PATH; no cluster.
 */
class KustomizeRenderTest {

    static final Path K8S = Path.of("k8s");
    static final String JIRA_CRONJOB = "jira-cronjob";
    static final String CSV_MIGRATION_JOB = "csv-migration-job";
    static final String SCHEDULED_DEPLOYMENT = "scheduled-deployment";
    /** scheduled-deployment plus the Ingress that lets Jira reach its webhook receiver. */
    static final String SCHEDULED_DEPLOYMENT_WEBHOOKS = "scheduled-deployment-webhooks";
    static final String GITHUB_CRONJOB = "github-cronjob";
    static final String GITHUB_SCHEDULED_DEPLOYMENT = "github-scheduled-deployment";
    /** github-scheduled-deployment plus the Ingress that lets GitHub reach its webhook receiver. */
    static final String GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS = "github-scheduled-deployment-webhooks";
    static final List<String> OVERLAYS = List.of(JIRA_CRONJOB, CSV_MIGRATION_JOB, SCHEDULED_DEPLOYMENT, SCHEDULED_DEPLOYMENT_WEBHOOKS,
            GITHUB_CRONJOB, GITHUB_SCHEDULED_DEPLOYMENT, GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS);
    /** The overlays whose workload is the long-running Deployment. */
    static final List<String> SCHEDULED = List.of(SCHEDULED_DEPLOYMENT, SCHEDULED_DEPLOYMENT_WEBHOOKS, GITHUB_SCHEDULED_DEPLOYMENT,
            GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS);
    /** The overlays whose workload runs once and exits. */
    static final List<String> ONE_SHOT = List.of(JIRA_CRONJOB, CSV_MIGRATION_JOB, GITHUB_CRONJOB);
    /** The mirrors' CronJobs. */
    static final List<String> CRONJOBS = List.of(JIRA_CRONJOB, GITHUB_CRONJOB);
    static final List<String> JIRA_OVERLAYS = List.of(JIRA_CRONJOB, SCHEDULED_DEPLOYMENT, SCHEDULED_DEPLOYMENT_WEBHOOKS);
    static final List<String> GITHUB_OVERLAYS = List.of(GITHUB_CRONJOB, GITHUB_SCHEDULED_DEPLOYMENT, GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS);
    /** Overlay with an Ingress -> the overlay it takes as it is. */
    static final Map<String, String> WEBHOOKS = Map.of(SCHEDULED_DEPLOYMENT_WEBHOOKS, SCHEDULED_DEPLOYMENT,
            GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS, GITHUB_SCHEDULED_DEPLOYMENT);

    static final String APP = "toggl-task-sync";
    static final String SECRET = "toggl-task-sync-secrets";
    static final long KUSTOMIZE_TIMEOUT_SECONDS = 60;
    /** Measured: a 100,000-row run with a 256 MiB heap peaks at ~410 MB RSS. */
    static final long MEASURED_PEAK_RSS_BYTES = 410_000_000L;
    static final long MEASURED_HEAP_BYTES = 256L * 1024 * 1024;
    /** Measured: the sync state of a 100,000-issue Jira mirror is a file of up to ~50 MB (485 bytes a task). */
    static final long MEASURED_STATE_BYTES = 50_000_000L;

    /** kind -> (apiVersion, typed class); anything else in the output fails the test. */
    static final Map<String, Map.Entry<String, Class<? extends HasMetadata>>> KINDS = Map.of(
            "ConfigMap", Map.entry("v1", ConfigMap.class),
            "PersistentVolumeClaim", Map.entry("v1", PersistentVolumeClaim.class),
            "Service", Map.entry("v1", Service.class),
            "CronJob", Map.entry("batch/v1", CronJob.class),
            "Job", Map.entry("batch/v1", Job.class),
            "Deployment", Map.entry("apps/v1", Deployment.class),
            "Ingress", Map.entry("networking.k8s.io/v1", Ingress.class),
            "NetworkPolicy", Map.entry("networking.k8s.io/v1", NetworkPolicy.class));

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> overlays() {
        return OVERLAYS.stream();
    }

    // ---------------------------------------------------------------- the whole output

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDocumentIsAKnownKindWithOnlyKnownFields(String overlay) {
        // render() fails on an unknown kind, a wrong apiVersion or any field the model does not know
        assertThat(render(overlay)).isNotEmpty();
    }

    @Test
    void aMisspelledFieldIsCaught() throws IOException {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: x}
                spec:
                  schedule: "*/15 * * * *"
                  concurencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: c
                              image: i
                              securityContext: {readOnlyRootFileSystem: true}
                """;
        List<String> unknown = unknownFields(parse(yaml));
        assertThat(unknown).hasSize(2)
                .anySatisfy(u -> assertThat(u).contains("CronJob/x.spec:").contains("concurencyPolicy"))
                .anySatisfy(u -> assertThat(u).contains("containers[0].securityContext:").contains("readOnlyRootFileSystem"));
    }

    @Test
    void eachOverlayRendersExactlyOneWorkload() {
        assertThat(kinds(JIRA_CRONJOB)).containsExactlyInAnyOrder("ConfigMap", "PersistentVolumeClaim", "CronJob");
        assertThat(kinds(CSV_MIGRATION_JOB)).containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "PersistentVolumeClaim", "Job");
        assertThat(kinds(SCHEDULED_DEPLOYMENT))
                .containsExactlyInAnyOrder("ConfigMap", "PersistentVolumeClaim", "Deployment", "Service", "NetworkPolicy");
        // the same, plus the way in for Jira: exposing the app to the internet is a choice, never a side effect
        assertThat(kinds(SCHEDULED_DEPLOYMENT_WEBHOOKS))
                .containsExactlyInAnyOrder("ConfigMap", "PersistentVolumeClaim", "Deployment", "Service", "NetworkPolicy", "Ingress",
                        "NetworkPolicy");
        assertThat(kinds(GITHUB_CRONJOB)).containsExactlyInAnyOrderElementsOf(kinds(JIRA_CRONJOB));
        assertThat(kinds(GITHUB_SCHEDULED_DEPLOYMENT)).containsExactlyInAnyOrderElementsOf(kinds(SCHEDULED_DEPLOYMENT));
        assertThat(kinds(GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS)).containsExactlyInAnyOrderElementsOf(kinds(SCHEDULED_DEPLOYMENT_WEBHOOKS));
        assertThat(one(CSV_MIGRATION_JOB, Job.class).getMetadata().getName()).isEqualTo("toggl-task-sync-migration");
        assertThat(one(JIRA_CRONJOB, CronJob.class).getMetadata().getName()).isEqualTo(APP);
        assertThat(one(SCHEDULED_DEPLOYMENT, Deployment.class).getMetadata().getName()).isEqualTo(APP);
        assertThat(one(SCHEDULED_DEPLOYMENT_WEBHOOKS, Deployment.class).getMetadata().getName()).isEqualTo(APP);
        assertThat(one(GITHUB_CRONJOB, CronJob.class).getMetadata().getName()).isEqualTo(APP);
        assertThat(one(GITHUB_SCHEDULED_DEPLOYMENT, Deployment.class).getMetadata().getName()).isEqualTo(APP);
        assertThat(one(GITHUB_SCHEDULED_DEPLOYMENT_WEBHOOKS, Deployment.class).getMetadata().getName()).isEqualTo(APP);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDocumentCarriesTheAppKubernetesIoLabels(String overlay) {
        for (HasMetadata doc : render(overlay)) {
            assertRecommendedLabels(describe(doc), doc.getMetadata().getLabels());
        }
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            assertRecommendedLabels(pod.getKey(), pod.getValue().getMetadata().getLabels());
        }
        for (CronJob cronJob : all(overlay, CronJob.class)) {
            assertRecommendedLabels(describe(cronJob) + " jobTemplate", cronJob.getSpec().getJobTemplate().getMetadata().getLabels());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapReferenceResolvesToARenderedConfigMap(String overlay) {
        List<String> configMaps = all(overlay, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).toList();
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            PodSpec spec = pod.getValue().getSpec();
            for (Container container : spec.getContainers()) {
                for (EnvFromSource from : container.getEnvFrom()) {
                    assertThat(from.getSecretRef()).as("%s: envFrom a Secret", pod.getKey()).isNull();
                    assertThat(configMaps).as("%s envFrom", pod.getKey()).contains(from.getConfigMapRef().getName());
                }
            }
            for (Volume volume : spec.getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps).as("%s volume %s", pod.getKey(), volume.getName()).contains(volume.getConfigMap().getName());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerRunsTheImageSetByKustomize(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container container : pod.getValue().getSpec().getContainers()) {
                assertThat(container.getImage()).as("%s image", pod.getKey()).isEqualTo("ghcr.io/example/toggl-task-sync:0.1.0");
            }
        }
    }

    /**
     * The manifests run the image that Jib builds (application.properties, quarkus.container-image.*
     * and quarkus.jib.*; ContainerImageIT reads the image itself): its name, whatever registry and tag
     * the overlay sets, and its user.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsTheJibImageAsTheImagesUser(String overlay) throws IOException {
        Properties build = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            build.load(in);
        }
        String name = build.getProperty("quarkus.container-image.name");
        long user = Long.parseLong(build.getProperty("quarkus.jib.user"));
        assertThat(name).isEqualTo("toggl-task-sync");
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container container : pod.getValue().getSpec().getContainers()) {
                String repository = container.getImage().replaceFirst("[:@].*$", "");
                assertThat(repository).as("%s image", pod.getKey()).endsWith("/" + name);
            }
            assertThat(pod.getValue().getSpec().getSecurityContext().getRunAsUser()).as("%s runAsUser", pod.getKey())
                    .isEqualTo(user);
        }
    }

    // ---------------------------------------------------------------- pod security and resources

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRootWithAReadOnlyRootAndNoCapabilities(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            PodSpec spec = pod.getValue().getSpec();
            PodSecurityContext podSecurity = spec.getSecurityContext();
            assertThat(podSecurity).as("%s pod securityContext", pod.getKey()).isNotNull();
            assertThat(podSecurity.getRunAsNonRoot()).as("%s runAsNonRoot", pod.getKey()).isTrue();
            assertThat(podSecurity.getRunAsUser()).as("%s runAsUser (the image's user)", pod.getKey()).isEqualTo(185L);
            assertThat(podSecurity.getSeccompProfile().getType()).as("%s seccomp", pod.getKey()).isEqualTo("RuntimeDefault");
            assertThat(spec.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", pod.getKey()).isFalse();
            assertThat(spec.getHostNetwork()).as("%s hostNetwork", pod.getKey()).isNotEqualTo(Boolean.TRUE);
            for (Container container : spec.getContainers()) {
                String where = pod.getKey() + " container " + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as("%s securityContext", where).isNotNull();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", where).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", where).isTrue();
                assertThat(security.getPrivileged()).as("%s privileged", where).isNotEqualTo(Boolean.TRUE);
                assertThat(Optional.ofNullable(security.getRunAsUser())).as("%s runAsUser", where).isNotEqualTo(Optional.of(0L));
                assertThat(security.getCapabilities().getDrop()).as("%s capabilities.drop", where).contains("ALL");
                assertThat(security.getCapabilities().getAdd()).as("%s capabilities.add", where).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsGetMoreTimeToStopThanTheAppWaitsForItsRunInFlight(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container container : pod.getValue().getSpec().getContainers()) {
                String wait = effectiveEnv(overlay, container).getOrDefault("SYNC_SHUTDOWN_WAIT", "30s");
                long waitSeconds = java.time.Duration.parse("PT" + wait.toUpperCase(java.util.Locale.ROOT)).toSeconds();
                // Kubernetes kills the pod after the grace period (default 30 s): the app must get to write its report first
                assertThat(pod.getValue().getSpec().getTerminationGracePeriodSeconds()).as("%s terminationGracePeriodSeconds", pod.getKey())
                        .isNotNull().isGreaterThanOrEqualTo(waitSeconds + 15);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void reportAndDeadLetterFilesAreWrittenToAnEmptyDir(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            PodSpec spec = pod.getValue().getSpec();
            for (Container container : spec.getContainers()) {
                Map<String, String> env = effectiveEnv(overlay, container);
                // the root filesystem is read-only: both files and the JVM's /tmp need a writable volume
                for (String file : new String[] {env.get("SYNC_REPORT_FILE"), env.get("SYNC_DEAD_LETTER_FILE"), "/tmp/x"}) {
                    assertThat(file).as("%s: report and dead letter paths are set", pod.getKey()).isNotNull().startsWith("/");
                    VolumeMount mount = container.getVolumeMounts().stream()
                            .filter(m -> file.startsWith(m.getMountPath().replaceAll("/$", "") + "/"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(pod.getKey() + ": nothing mounted where " + file + " is written"));
                    assertThat(mount.getReadOnly()).as("%s mount %s", pod.getKey(), mount.getMountPath()).isNotEqualTo(Boolean.TRUE);
                    assertThat(volume(spec, mount.getName()).getEmptyDir()).as("%s: %s is an emptyDir", pod.getKey(), mount.getMountPath()).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void memoryLimitCoversTheMeasuredPeakOfAHundredThousandRowRun(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container container : pod.getValue().getSpec().getContainers()) {
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as("%s requests", pod.getKey()).containsKeys("memory", "cpu");
                assertThat(limits).as("%s limits", pod.getKey()).containsKey("memory");
                long request = bytes(requests.get("memory"));
                long limit = bytes(limits.get("memory"));
                assertThat(limit).as("%s memory limit >= request", pod.getKey()).isGreaterThanOrEqualTo(request);
                // the image's run-java.sh gives the heap JAVA_MAX_MEM_RATIO percent of the limit
                String ratio = effectiveEnv(overlay, container).get("JAVA_MAX_MEM_RATIO");
                assertThat(ratio).as("%s JAVA_MAX_MEM_RATIO", pod.getKey()).isNotNull();
                long heap = limit * Long.parseLong(ratio) / 100;
                assertThat(heap).as("%s heap: 100,000 rows were measured with 256 MiB", pod.getKey()).isGreaterThanOrEqualTo(MEASURED_HEAP_BYTES);
                assertThat(limit - heap).as("%s room outside the heap (measured peak RSS minus heap)", pod.getKey())
                        .isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_BYTES - MEASURED_HEAP_BYTES);
            }
        }
    }

    // ---------------------------------------------------------------- the sync state

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayRendersAStateClaimWithRoomForAHundredThousandTasks(String overlay) {
        PersistentVolumeClaim claim = one(overlay, PersistentVolumeClaim.class);
        assertThat(claim.getSpec().getAccessModes()).as("%s access modes", describe(claim)).containsExactly("ReadWriteOnce");
        Quantity storage = claim.getSpec().getResources().getRequests().get("storage");
        assertThat(storage).as("%s storage request", describe(claim)).isNotNull();
        // a write holds the state twice for a moment (temporary file, then rename)
        assertThat(bytes(storage)).as("%s storage", describe(claim)).isGreaterThanOrEqualTo(2 * MEASURED_STATE_BYTES);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void syncStateFileIsWrittenToTheStateClaim(String overlay) {
        String claim = one(overlay, PersistentVolumeClaim.class).getMetadata().getName();
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            PodSpec spec = pod.getValue().getSpec();
            for (Container container : spec.getContainers()) {
                String file = effectiveEnv(overlay, container).get("SYNC_STATE_FILE");
                assertThat(file).as("%s SYNC_STATE_FILE", pod.getKey()).isNotNull();
                Path stateFile = Path.of(file);
                assertThat(stateFile.isAbsolute()).as("%s: SYNC_STATE_FILE is absolute", pod.getKey()).isTrue();
                // the temporary file is written beside it, so the whole directory is the claim
                VolumeMount mount = container.getVolumeMounts().stream()
                        .filter(m -> Path.of(m.getMountPath()).equals(stateFile.getParent()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(pod.getKey() + ": nothing mounted at " + stateFile.getParent()));
                assertThat(mount.getReadOnly()).as("%s mount %s", pod.getKey(), mount.getMountPath()).isNotEqualTo(Boolean.TRUE);
                assertThat(mount.getSubPath()).as("%s: a whole-directory mount", pod.getKey()).isNull();
                Volume volume = volume(spec, mount.getName());
                assertThat(volume.getPersistentVolumeClaim()).as("%s: %s is a claim", pod.getKey(), mount.getMountPath()).isNotNull();
                assertThat(volume.getPersistentVolumeClaim().getClaimName()).as("%s claim", pod.getKey()).isEqualTo(claim);
                assertThat(volume.getPersistentVolumeClaim().getReadOnly()).as("%s claim", pod.getKey()).isNotEqualTo(Boolean.TRUE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theStateClaimBelongsToTheGroupOfTheNonRootUser(String overlay) {
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            PodSecurityContext podSecurity = pod.getValue().getSpec().getSecurityContext();
            // a fresh volume is root's: fsGroup gives it the user's group, so the user can write the state
            assertThat(podSecurity.getFsGroup()).as("%s fsGroup", pod.getKey()).isNotNull().isEqualTo(podSecurity.getRunAsGroup());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theStateClaimIsWrittenByOnePodAtATime(String overlay) {
        // ReadWriteOnce, and two runs would each write a state that misses the other's writes
        for (HasMetadata doc : render(overlay)) {
            if (doc instanceof CronJob cronJob) {
                assertThat(cronJob.getSpec().getConcurrencyPolicy()).as(describe(doc)).isEqualTo("Forbid");
                assertOnePodAtATime(describe(doc), cronJob.getSpec().getJobTemplate().getSpec());
            } else if (doc instanceof Job job) {
                assertOnePodAtATime(describe(doc), job.getSpec());
            } else if (doc instanceof Deployment deployment) {
                assertThat(deployment.getSpec().getReplicas()).as("%s replicas", describe(doc)).isEqualTo(1);
                // RollingUpdate starts the new pod before the old one is gone
                assertThat(deployment.getSpec().getStrategy().getType()).as("%s strategy", describe(doc)).isEqualTo("Recreate");
            }
        }
    }

    @Test
    void theMirrorOverlaysShareAStateClaimAndTheMigrationHasItsOwn() {
        String mirror = one(JIRA_CRONJOB, PersistentVolumeClaim.class).getMetadata().getName();
        // moving from the CronJob to the Deployment keeps the state
        assertThat(one(SCHEDULED_DEPLOYMENT, PersistentVolumeClaim.class).getMetadata().getName()).isEqualTo(mirror);
        assertThat(one(SCHEDULED_DEPLOYMENT_WEBHOOKS, PersistentVolumeClaim.class).getMetadata().getName()).isEqualTo(mirror);
        // one mirror per namespace, whatever its tracker: the GitHub mirror keeps its state on the same claim
        for (String overlay : GITHUB_OVERLAYS) {
            assertThat(one(overlay, PersistentVolumeClaim.class).getMetadata().getName()).as(overlay).isEqualTo(mirror);
        }
        // the migration may run next to either: a CSV state is not a Jira one, and the mirror's pod may hold its volume
        assertThat(one(CSV_MIGRATION_JOB, PersistentVolumeClaim.class).getMetadata().getName()).isNotEqualTo(mirror);
    }

    // ---------------------------------------------------------------- secrets

    @ParameterizedTest
    @MethodSource("overlays")
    void tokensComeOnlyFromTheSecret(String overlay) {
        assertThat(kinds(overlay)).as("no Secret is rendered from the repository").doesNotContain("Secret");
        for (ConfigMap configMap : all(overlay, ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).as("%s keys", describe(configMap)).noneMatch(KustomizeRenderTest::looksSecret);
        }
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container container : pod.getValue().getSpec().getContainers()) {
                Map<String, EnvVar> env = new LinkedHashMap<>();
                container.getEnv().forEach(e -> env.put(e.getName(), e));
                for (EnvVar var : env.values()) {
                    if (looksSecret(var.getName())) {
                        assertThat(var.getValue()).as("%s %s has a literal value", pod.getKey(), var.getName()).isNull();
                        assertThat(var.getValueFrom().getSecretKeyRef()).as("%s %s from a Secret", pod.getKey(), var.getName()).isNotNull();
                    }
                }
                SecretKeySelector toggl = secretRef(pod.getKey(), env, "TOGGL_API_TOKEN");
                assertThat(toggl.getName()).isEqualTo(SECRET);
                assertThat(toggl.getKey()).isEqualTo("toggl-api-token");
                assertThat(toggl.getOptional()).as("TOGGL_API_TOKEN is required").isNotEqualTo(Boolean.TRUE);
                SecretKeySelector jira = secretRef(pod.getKey(), env, "JIRA_TOKEN");
                assertThat(jira.getName()).isEqualTo(SECRET);
                assertThat(jira.getKey()).isEqualTo("jira-token");
                assertThat(jira.getOptional()).as("JIRA_TOKEN is only needed by a Jira source").isTrue();
                SecretKeySelector github = secretRef(pod.getKey(), env, "GITHUB_TOKEN");
                assertThat(github.getName()).isEqualTo(SECRET);
                assertThat(github.getKey()).isEqualTo("github-token");
                assertThat(github.getOptional()).as("GITHUB_TOKEN is only needed by a GitHub source").isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- the mirrors' CronJobs

    static Stream<String> cronJobs() {
        return CRONJOBS.stream();
    }

    @ParameterizedTest
    @MethodSource("cronJobs")
    void cronJobNeverRunsTwoSyncsAtOnce(String overlay) {
        CronJob cronJob = one(overlay, CronJob.class);
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        long interval = scheduleIntervalSeconds(cronJob.getSpec().getSchedule());
        assertThat(interval).isEqualTo(15 * 60);
        // a hanging run is stopped before the next slot, so Forbid does not skip that slot
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds()).isNotNull().isPositive().isLessThan(interval);
        // a late start is dropped rather than run into the next slot
        assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isNotNull().isPositive().isLessThan(interval);
    }

    @ParameterizedTest
    @MethodSource("cronJobs")
    void cronJobLeavesDeferredWorkToTheNextScheduleInsteadOfRetrying(String overlay) {
        CronJob cronJob = one(overlay, CronJob.class);
        JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getBackoffLimit()).isNotNull().isBetween(0, 1);
        // exit 1 (deferred, rejected or failed records) fails the Job at once: no retry spends quota
        List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
            assertThat(rule.getOnExitCodes().getValues()).containsExactly(1);
            assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(job.getTemplate().getSpec().getContainers().get(0).getName());
        });
        assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isNotNull().isPositive();
        assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isNotNull().isPositive();
    }

    @Test
    void jiraOverlaysConfigureTheJiraSource() {
        for (String overlay : JIRA_OVERLAYS) {
            for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
                Map<String, String> env = effectiveEnv(overlay, pod.getValue().getSpec().getContainers().get(0));
                assertThat(env).as(pod.getKey()).containsEntry("SYNC_SOURCE", "jira")
                        .containsKeys("JIRA_URL", "JIRA_DEPLOYMENT", "JIRA_USER", "JIRA_JQL", "TOGGL_WORKSPACE_ID")
                        .doesNotContainKey("CSV_PATH");
                assertThat(env.get("JIRA_DEPLOYMENT")).isIn("cloud", "datacenter");
                assertThat(env.get("JIRA_URL")).startsWith("https://");
                // the worklog sync is there to turn on, and off until it is
                assertThat(env).as(pod.getKey()).containsEntry("WORKLOG_SYNC", "false");
            }
        }
    }

    @Test
    void githubOverlaysConfigureTheGithubSource() {
        for (String overlay : GITHUB_OVERLAYS) {
            for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
                Map<String, String> env = effectiveEnv(overlay, pod.getValue().getSpec().getContainers().get(0));
                assertThat(env).as(pod.getKey()).containsEntry("SYNC_SOURCE", "github")
                        .containsKeys("GITHUB_API_URL", "GITHUB_REPOS", "GITHUB_LABELS", "TOGGL_WORKSPACE_ID")
                        .doesNotContainKeys("CSV_PATH", "JIRA_URL", "JIRA_JQL")
                        // worklogs go back to Jira only: WORKLOG_SYNC=true would stop a GitHub run
                        .doesNotContainKey("WORKLOG_SYNC");
                // the token is sent to this URL alone: never in clear
                assertThat(env.get("GITHUB_API_URL")).as(pod.getKey()).startsWith("https://");
                assertThat(env.get("GITHUB_REPOS").split(",")).as("%s GITHUB_REPOS", pod.getKey())
                        .allMatch(r -> r.trim().matches("[^/\\s]+/[^/\\s]+"));
            }
        }
    }

    @Test
    void theMigrationHasNoWorklogSwitch() {
        // worklogs need a Jira source: WORKLOG_SYNC=true with a CSV would stop the migration (exit 2)
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(CSV_MIGRATION_JOB).entrySet()) {
            assertThat(effectiveEnv(CSV_MIGRATION_JOB, pod.getValue().getSpec().getContainers().get(0))).as(pod.getKey())
                    .doesNotContainKey("WORKLOG_SYNC");
        }
    }

    // ---------------------------------------------------------------- the CSV migration Job

    @Test
    void migrationJobRunsOnceAndCleansUpAfterItself() {
        Job job = one(CSV_MIGRATION_JOB, Job.class);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNotNull().isPositive();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNotNull().isPositive();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void migrationJobMountsTheCsvWhereCsvPathPoints() {
        Job job = one(CSV_MIGRATION_JOB, Job.class);
        PodSpec spec = job.getSpec().getTemplate().getSpec();
        Container container = spec.getContainers().get(0);
        Map<String, String> env = effectiveEnv(CSV_MIGRATION_JOB, container);
        assertThat(env).containsEntry("SYNC_SOURCE", "csv");
        Path csvPath = Path.of(env.get("CSV_PATH"));
        assertThat(csvPath.isAbsolute()).as("CSV_PATH is absolute").isTrue();

        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> Path.of(m.getMountPath()).equals(csvPath.getParent()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + csvPath.getParent()));
        assertThat(mount.getReadOnly()).isTrue();
        assertThat(mount.getSubPath()).as("a whole-directory mount").isNull();
        String configMapName = volume(spec, mount.getName()).getConfigMap().getName();
        ConfigMap csv = all(CSV_MIGRATION_JOB, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(configMapName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("ConfigMap " + configMapName + " is not rendered"));
        String file = csv.getData().get(csvPath.getFileName().toString());
        assertThat(file).as("the ConfigMap has the key %s", csvPath.getFileName()).isNotNull();
        assertThat(file.lines().findFirst()).contains("external_id,name,project_id,estimated_seconds,active");
        assertThat(file.lines().skip(1).filter(l -> !l.isBlank())).hasSize(3);
    }

    // ---------------------------------------------------------------- the scheduled Deployment

    static Stream<String> scheduled() {
        return SCHEDULED.stream();
    }

    @ParameterizedTest
    @MethodSource("scheduled")
    void deploymentKeepsExactlyOneSyncingPod(String overlay) {
        // never two writers: scheduled runs and webhook events share one lock inside the pod, not across pods
        Deployment deployment = one(overlay, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @ParameterizedTest
    @MethodSource("scheduled")
    void deploymentProbesTheQuarkusHealthEndpoints(String overlay) {
        Container container = one(overlay, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertProbe(container, container.getLivenessProbe().getHttpGet(), "/q/health/live");
        assertProbe(container, container.getReadinessProbe().getHttpGet(), "/q/health/ready");
    }

    @ParameterizedTest
    @MethodSource("scheduled")
    void serviceExposesMetricsAndTheWebhookReceiverOnThePortNamedHttp(String overlay) {
        Service service = one(overlay, Service.class);
        Deployment deployment = one(overlay, Deployment.class);
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no Service port named http"));
        assertThat(port.getPort()).isEqualTo(8080);
        // by the pod's port name: the probes, the metrics and the receiver follow the container port if it moves
        assertThat(port.getTargetPort().getStrVal()).as("targetPort: the pod's port by name").isEqualTo("http");
        ContainerPort target = containerPort(deployment.getSpec().getTemplate().getSpec().getContainers().get(0),
                port.getTargetPort().getStrVal() != null ? port.getTargetPort().getStrVal() : port.getTargetPort().getIntVal());
        assertThat(target.getContainerPort()).isEqualTo(8080);
        // in-cluster only: /q/metrics is on this port too; the internet reaches the receiver through the Ingress alone
        assertThat(Optional.ofNullable(service.getSpec().getType()).orElse("ClusterIP")).as("%s type", describe(service)).isEqualTo("ClusterIP");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8080")
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @Test
    void onlyTheDeploymentSyncsOnItsOwnSchedule() {
        for (String overlay : SCHEDULED) {
            Container container = one(overlay, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            String schedule = effectiveEnv(overlay, container).get("SYNC_SCHEDULE");
            assertThat(schedule).as("%s: Quarkus cron, seconds first", overlay).isEqualTo("0 */15 * * * ?");
        }
        // a one-shot run that got a schedule would never exit
        for (String overlay : ONE_SHOT) {
            for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
                for (Container c : pod.getValue().getSpec().getContainers()) {
                    assertThat(effectiveEnv(overlay, c)).as(pod.getKey()).doesNotContainKey("SYNC_SCHEDULE");
                }
            }
        }
        // and the shared ConfigMap never carries it (two overlays in one namespace may share it)
        for (String overlay : OVERLAYS) {
            for (ConfigMap configMap : all(overlay, ConfigMap.class)) {
                assertThat(configMap.getData()).as(describe(configMap)).doesNotContainKey("SYNC_SCHEDULE");
            }
        }
    }

    /**
     * One-off runs push their metrics to a Pushgateway when METRICS_PUSH_URL is set (empty by
     * default), each into its job's group, replacing that group's last run: the migration must not
     * push into the mirror's group, toggl-task-sync, which the alerts read as the mirror's last run.
     */
    @Test
    void oneOffRunsPushTheirMetricsIntoTheirOwnGroupOnlyWhenAUrlIsSet() {
        Map<String, String> groups = Map.of(JIRA_CRONJOB, APP, GITHUB_CRONJOB, APP, CSV_MIGRATION_JOB, APP + "-migration");
        for (String overlay : ONE_SHOT) {
            for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
                Map<String, String> env = effectiveEnv(overlay, pod.getValue().getSpec().getContainers().get(0));
                assertThat(env).as(pod.getKey()).containsEntry("METRICS_PUSH_URL", "");
                // unset: the app's default job, toggl-task-sync
                assertThat(env.getOrDefault("METRICS_PUSH_JOB", APP)).as("%s: its Pushgateway group", pod.getKey())
                        .isEqualTo(groups.get(overlay));
            }
        }
    }

    // ---------------------------------------------------------------- the webhook receivers

    static final String WEBHOOK_POLICY = "toggl-task-sync-webhook";

    /** A source's webhook receiver: the variable and Secret key of its secret, and its path. */
    record Receiver(String source, String secretVariable, String secretKey, String path) {
    }

    static final List<Receiver> RECEIVERS = List.of(
            new Receiver("jira", "JIRA_WEBHOOK_SECRET", "jira-webhook-secret", "/webhooks/jira"),
            new Receiver("github", "GITHUB_WEBHOOK_SECRET", "github-webhook-secret", "/webhooks/github"));

    /** The receiver of the source the overlay's Deployment runs (its SYNC_SOURCE). */
    static Receiver receiver(String overlay) {
        Container app = one(overlay, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        String source = effectiveEnv(overlay, app).get("SYNC_SOURCE");
        return RECEIVERS.stream().filter(r -> r.source().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no webhook receiver for SYNC_SOURCE=" + source));
    }

    static Stream<String> webhooks() {
        return WEBHOOKS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("scheduled")
    void theDeploymentTakesItsSourcesWebhookSecretFromTheSecretAndNeedsNoHttpSwitch(String overlay) {
        Deployment deployment = one(overlay, Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        String where = overlay + ": " + describe(deployment);
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        Receiver receiver = receiver(overlay);
        String variable = receiver.secretVariable();
        SecretKeySelector secret = secretRef(where, env, variable);
        assertThat(env.get(variable).getValue()).as("%s %s has a literal value", where, variable).isNull();
        assertThat(secret.getName()).as("%s %s's Secret", where, variable).isEqualTo(SECRET);
        assertThat(secret.getKey()).as("%s %s's key", where, variable).isEqualTo(receiver.secretKey());
        // a Secret without the key still starts the pod: the schedule runs, the receiver stays off
        assertThat(secret.getOptional()).as("%s %s is optional", where, variable).isTrue();
        // another source's webhook secret: of no use here, and a Jira one stops a run of another source
        for (Receiver other : RECEIVERS) {
            if (!other.equals(receiver)) {
                assertThat(effectiveEnv(overlay, container)).as(where).doesNotContainKey(other.secretVariable());
            }
        }
        for (ConfigMap configMap : all(overlay, ConfigMap.class)) {
            for (Receiver any : RECEIVERS) {
                assertThat(configMap.getData()).as(describe(configMap))
                        .doesNotContainKeys(any.secretVariable(), any.source() + ".webhook-secret");
            }
        }
        // The HTTP server turns itself on in long-running mode (SYNC_SCHEDULE or JIRA_WEBHOOK_SECRET set): no switch
        // needed, and QUARKUS_HTTP_HOST_ENABLED=false (env or ConfigMap) would turn health, metrics and the receiver off.
        Map<String, String> effective = effectiveEnv(overlay, container);
        assertThat(effective).as(where).doesNotContainKey("QUARKUS_HTTP_HOST_ENABLED");
        assertThat(effective.get("SYNC_SCHEDULE")).as("%s: long-running mode without the webhook secret too", where).isNotBlank();
    }

    @Test
    void oneShotRunsNeverGetTheWebhookSecret() {
        // it turns on long-running mode: a CronJob's or Job's run would wait for events and never exit (and a CSV run
        // refuses it); the same holds for the ConfigMap they share with the Deployment
        for (String overlay : ONE_SHOT) {
            for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
                for (Container c : pod.getValue().getSpec().getContainers()) {
                    for (Receiver receiver : RECEIVERS) {
                        assertThat(effectiveEnv(overlay, c)).as(pod.getKey()).doesNotContainKey(receiver.secretVariable());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void theWebhooksOverlayIsTheScheduledDeploymentPlusAnIngress(String overlay) {
        // the same ConfigMap (hash and all), claim, Deployment, Service and policy: the values stay in the scheduled
        // overlay, its preflight checks both, and moving between the two changes nothing but the way in
        List<HasMetadata> plain = render(WEBHOOKS.get(overlay));
        List<HasMetadata> withIngress = render(overlay).stream()
                .filter(d -> !(d instanceof Ingress) && !describe(d).equals("NetworkPolicy/" + WEBHOOK_POLICY)).toList();
        assertThat(withIngress).containsExactlyInAnyOrderElementsOf(plain);
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void theIngressNamesItsClassAndPassesNoBodyLargerThanTheAppTakes(String overlay) throws IOException {
        Ingress ingress = one(overlay, Ingress.class);
        // left out, the cluster's default class (if any) would serve it, with annotations it may not read
        assertThat(ingress.getSpec().getIngressClassName()).as("%s ingressClassName", describe(ingress)).isNotBlank();
        String limit = ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
        assertThat(limit).as("%s proxy-body-size", describe(ingress)).isNotNull();
        // the app's HTTP server refuses (413) a larger body whatever the path: the controller would buffer it for nothing
        Properties app = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            app.load(in);
        }
        assertThat(nginxSize(limit)).as("%s proxy-body-size %s against quarkus.http.limits.max-body-size", overlay, limit)
                .isLessThanOrEqualTo(nginxSize(app.getProperty("quarkus.http.limits.max-body-size")));
    }

    @Test
    void theJiraIngressPassesNoBodyLargerThanTheReceiverTakes() {
        Ingress ingress = one(SCHEDULED_DEPLOYMENT_WEBHOOKS, Ingress.class);
        String limit = ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
        Container app = one(SCHEDULED_DEPLOYMENT_WEBHOOKS, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        String set = effectiveEnv(SCHEDULED_DEPLOYMENT_WEBHOOKS, app).get("JIRA_WEBHOOK_MAX_BYTES");
        // the app's default when the overlay sets none
        long receiverTakes = set != null ? Long.parseLong(set) : TestSettings.minimal()
                .overrides(JiraFixture.concat(JiraFixture.cloudSettings("https://jira.test", "project = X", 100), "jira.webhook-secret=" + "s".repeat(32)))
                .load().webhook().maxBytes();
        assertThat(nginxSize(limit)).as("proxy-body-size %s against the receiver's limit", limit).isEqualTo(receiverTakes);
    }

    @ParameterizedTest
    @MethodSource("scheduled")
    void onlyPrometheusAndInTheWebhooksOverlayTheIngressControllerReachTheDeploymentsPod(String overlay) {
        Deployment deployment = one(overlay, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> admitted = new ArrayList<>();
        for (NetworkPolicy policy : all(overlay, NetworkPolicy.class)) {
            String where = describe(policy);
            // it selects the Deployment's pod: a selector the pod does not match protects nothing
            assertThat(podLabels).as("%s podSelector against the pod's labels", where)
                    .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).as("%s podSelector", where).isNotEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).as("%s policyTypes", where).containsExactly("Ingress");
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                // a rule without from admits everyone; a peer with one selector alone, a whole namespace or any namespace
                assertThat(rule.getFrom()).as("%s from", where).isNotEmpty();
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertThat(peer.getIpBlock()).as("%s ipBlock", where).isNull();
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).as("%s namespaceSelector", where)
                            .containsOnlyKeys("kubernetes.io/metadata.name");
                    assertThat(peer.getPodSelector().getMatchLabels()).as("%s podSelector of the peer", where).isNotEmpty();
                    admitted.add(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                }
                assertThat(rule.getPorts()).as("%s ports", where).singleElement().satisfies(port -> {
                    assertThat(port.getPort().getStrVal()).isEqualTo("http");
                    assertThat(containerPort(app, port.getPort().getStrVal()).getContainerPort()).isEqualTo(8080);
                });
            }
        }
        assertThat(admitted).as("%s: who may connect", overlay).containsExactlyInAnyOrderElementsOf(
                WEBHOOKS.containsKey(overlay) ? List.of("prometheus", "ingress-nginx") : List.of("prometheus"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyJvmExitsWhenItRunsOutOfHeap(String overlay) {
        // a JVM out of heap can live on with a dead event loop: no probe answered, SIGTERM ignored
        for (Map.Entry<String, PodTemplateSpec> pod : podTemplates(overlay).entrySet()) {
            for (Container c : pod.getValue().getSpec().getContainers()) {
                assertThat(effectiveEnv(overlay, c).get("JAVA_TOOL_OPTIONS")).as("%s JAVA_TOOL_OPTIONS", pod.getKey())
                        .contains("-XX:+ExitOnOutOfMemoryError");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("webhooks")
    void theIngressRoutesOnlyItsSourcesWebhookPathToTheServicePortHttp(String overlay) {
        Ingress ingress = one(overlay, Ingress.class);
        Service service = one(overlay, Service.class);
        String where = overlay + ": " + describe(ingress);
        // only the receiver of the source the pod runs: another source's path would reach a receiver of no use
        String webhookPath = receiver(overlay).path();
        // a default backend would take every other path, /q/metrics included
        assertThat(ingress.getSpec().getDefaultBackend()).as("%s defaultBackend", where).isNull();
        List<IngressRule> rules = ingress.getSpec().getRules();
        assertThat(rules).as("%s rules", where).isNotEmpty();
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (IngressRule rule : rules) {
            assertThat(rule.getHost()).as("%s host (none: every name the controller serves)", where).isNotBlank();
            assertThat(rule.getHttp()).as("%s rule for %s", where, rule.getHost()).isNotNull();
            paths.addAll(rule.getHttp().getPaths());
        }
        assertThat(paths).as("%s paths", where).isNotEmpty();
        // /q/metrics and /q/health share the receiver's port: never from the internet
        assertThat(paths).extracting(HTTPIngressPath::getPath).as("%s paths", where)
                .noneMatch(p -> p == null || p.equals("/") || p.startsWith("/q"));
        for (HTTPIngressPath path : paths) {
            assertThat(path.getPath()).as("%s path", where).isEqualTo(webhookPath);
            // Exact: that path alone, not a prefix (nor a controller's own reading of ImplementationSpecific)
            assertThat(path.getPathType()).as("%s pathType of %s", where, path.getPath()).isEqualTo("Exact");
            assertThat(path.getBackend().getResource()).as("%s backend resource", where).isNull();
            IngressServiceBackend backend = path.getBackend().getService();
            assertThat(backend).as("%s backend service", where).isNotNull();
            assertThat(backend.getName()).as("%s backend service", where).isEqualTo(service.getMetadata().getName());
            // by name: the Service's port http, whose targetPort is the pod's port http (serviceExposes...)
            assertThat(backend.getPort().getName()).as("%s backend port", where).isEqualTo("http");
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).as("%s ports", describe(service))
                    .contains(backend.getPort().getName());
        }
        // Jira Cloud registers only https:// URLs (and GitHub should get no other): each host has a TLS entry with its
        // certificate's secret
        List<IngressTLS> tls = ingress.getSpec().getTls();
        for (IngressRule rule : rules) {
            assertThat(tls).as("%s tls for %s", where, rule.getHost()).anySatisfy(t -> {
                assertThat(t.getHosts()).contains(rule.getHost());
                assertThat(t.getSecretName()).isNotBlank();
            });
        }
    }

    // ================================================================ helpers

    static void assertRecommendedLabels(String where, Map<String, String> labels) {
        assertThat(labels).as("%s labels", where)
                .containsEntry("app.kubernetes.io/name", APP)
                .containsEntry("app.kubernetes.io/part-of", APP)
                .containsEntry("app.kubernetes.io/managed-by", "kustomize")
                .containsKey("app.kubernetes.io/component");
        assertThat(labels.get("app.kubernetes.io/component")).as("%s component", where).isNotBlank();
    }

    static void assertProbe(Container container, HTTPGetAction get, String path) {
        assertThat(get).as("httpGet probe on %s", path).isNotNull();
        assertThat(get.getPath()).isEqualTo(path);
        Object port = get.getPort().getStrVal() != null ? get.getPort().getStrVal() : get.getPort().getIntVal();
        assertThat(containerPort(container, port).getContainerPort()).as("probe port of %s", path).isEqualTo(8080);
    }

    static void assertOnePodAtATime(String where, JobSpec job) {
        assertThat(Optional.ofNullable(job.getParallelism()).orElse(1)).as("%s parallelism", where).isEqualTo(1);
        assertThat(Optional.ofNullable(job.getCompletions()).orElse(1)).as("%s completions", where).isEqualTo(1);
    }

    static ContainerPort containerPort(Container container, Object nameOrNumber) {
        return container.getPorts().stream()
                .filter(p -> nameOrNumber.equals(p.getName()) || nameOrNumber.equals(p.getContainerPort()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no port " + nameOrNumber));
    }

    static SecretKeySelector secretRef(String where, Map<String, EnvVar> env, String name) {
        EnvVar var = env.get(name);
        assertThat(var).as("%s sets %s", where, name).isNotNull();
        assertThat(var.getValueFrom()).as("%s %s valueFrom", where, name).isNotNull();
        assertThat(var.getValueFrom().getSecretKeyRef()).as("%s %s secretKeyRef", where, name).isNotNull();
        return var.getValueFrom().getSecretKeyRef();
    }

    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("TOKEN") || upper.contains("PASSWORD") || upper.contains("SECRET");
    }

    static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).setScale(0, java.math.RoundingMode.UP).longValueExact();
    }

    /** "*&#47;N * * * *" -> N minutes, in seconds. */
    static long scheduleIntervalSeconds(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        assertThat(fields).as("a five-field cron schedule").hasSize(5);
        assertThat(fields[0]).as("minute field of %s", schedule).startsWith("*/");
        assertThat(fields).as("every hour, day, month and weekday").endsWith("*", "*", "*", "*");
        return Long.parseLong(fields[0].substring(2)) * 60;
    }

    static Volume volume(PodSpec spec, String name) {
        return spec.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /**
     * The environment the container starts with: the data of its envFrom ConfigMaps (from this
     * overlay's output), then its env entries; an entry from a Secret or field is "(valueFrom)".
     */
    static Map<String, String> effectiveEnv(String overlay, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap configMap = all(overlay, ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + ": envFrom ConfigMap " + name + " is not rendered"));
                env.putAll(configMap.getData());
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValueFrom() != null ? "(valueFrom)" : var.getValue());
        }
        return env;
    }

    /** Every pod template of the overlay, keyed by where it is. */
    static Map<String, PodTemplateSpec> podTemplates(String overlay) {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        for (HasMetadata doc : render(overlay)) {
            PodTemplateSpec template = null;
            if (doc instanceof CronJob cronJob) {
                template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
            } else if (doc instanceof Job job) {
                template = job.getSpec().getTemplate();
            } else if (doc instanceof Deployment deployment) {
                template = deployment.getSpec().getTemplate();
            }
            if (template != null) {
                pods.put(overlay + ": " + describe(doc), template);
            }
        }
        assertThat(pods).as("%s renders a workload", overlay).isNotEmpty();
        return pods;
    }

    static List<String> kinds(String overlay) {
        return render(overlay).stream().map(HasMetadata::getKind).toList();
    }

    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return render(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(String overlay, Class<T> type) {
        List<T> found = all(overlay, type);
        assertThat(found).as("%s renders one %s", overlay, type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** An ingress-nginx size (1m, 512k, 1048576) in bytes. */
    static long nginxSize(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = s.endsWith("m") ? 1024 * 1024 : s.endsWith("k") ? 1024 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    static String describe(HasMetadata doc) {
        return doc.getKind() + "/" + doc.getMetadata().getName();
    }

    // ---------------------------------------------------------------- rendering and parsing

    /** The overlay's output, rendered once per test run and checked field by field. */
    static List<HasMetadata> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            String yaml = kustomize(K8S.resolve("overlays").resolve(o));
            try {
                List<HasMetadata> docs = parse(yaml);
                assertThat(unknownFields(docs)).as("fields the Kubernetes API does not know, in %s", o).isEmpty();
                return docs;
            } catch (IOException e) {
                throw new AssertionError("kubectl kustomize " + o + " printed YAML that does not parse: " + e.getMessage(), e);
            }
        });
    }

    static String kustomize(Path dir) {
        String kubectl = onPath("kubectl").orElseThrow(() -> new AssertionError(
                "kubectl is required to render k8s/ (client 1.27 or later, with its built-in kustomize v5); "
                        + "it is not on the PATH: " + System.getenv("PATH")));
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!process.waitFor(KUSTOMIZE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("kubectl kustomize " + dir + " did not finish within " + KUSTOMIZE_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    fail("kubectl kustomize " + dir + " exited " + process.exitValue() + ":\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run kubectl kustomize " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Optional<String> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    /** Splits a YAML stream and reads each document as the typed model of its kind. */
    static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                String kind = node.path("kind").asText();
                Map.Entry<String, Class<? extends HasMetadata>> type = KINDS.get(kind);
                assertThat(type).as("a kind these manifests are expected to render: %s", kind).isNotNull();
                assertThat(node.path("apiVersion").asText()).as("apiVersion of %s", kind).isEqualTo(type.getKey());
                docs.add(YAML.treeToValue(node, type.getValue()));
            }
        }
        return docs;
    }

    /**
     * fabric8's model classes keep fields they do not know in additionalProperties (so
     * FAIL_ON_UNKNOWN_PROPERTIES alone never fires): walk the object graph and list them.
     */
    static List<String> unknownFields(List<HasMetadata> docs) {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata doc : docs) {
            collectUnknown(doc, describe(doc), unknown, 0);
        }
        return unknown;
    }

    static void collectUnknown(Object value, String path, List<String> unknown, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown, depth + 1));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")) {
                continue;
            }
            Class<?> type = getter.getReturnType();
            boolean additional = getter.getName().equals("getAdditionalProperties");
            if (!additional && !type.getName().startsWith("io.fabric8.") && !Collection.class.isAssignableFrom(type)
                    && !Map.class.isAssignableFrom(type)) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (additional) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                collectUnknown(child, path + "." + property, unknown, depth + 1);
            }
        }
    }
}
