package io.parley.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What every workload Parley renders must hold, whichever way it was rendered (chart or Kustomize): non-root,
 * read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, requests
 * and a memory limit, no API token, and for Parley's own services the three health probes.
 */
final class WorkloadChecks {
    private WorkloadChecks() {
    }

    static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        List<PodTemplateSpec> templates = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                templates.add(d.getSpec().getTemplate());
            } else if (o instanceof Job j) {
                templates.add(j.getSpec().getTemplate());
            }
        }
        return templates;
    }

    static List<String> problems(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        for (PodTemplateSpec template : podTemplates(objects)) {
            String pod = template.getMetadata().getLabels().get("app.kubernetes.io/component");
            var spec = template.getSpec();
            PodSecurityContext podSecurity = spec.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
                problems.add(pod + ": pod may run as root");
            }
            if (podSecurity == null || podSecurity.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
                problems.add(pod + ": pod seccomp is not RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(pod + ": mounts an API token");
            }
            List<Container> containers = Stream.concat(spec.getContainers().stream(),
                    spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream()).toList();
            for (Container c : containers) {
                String where = pod + "/" + c.getName();
                SecurityContext s = c.getSecurityContext();
                if (s == null) {
                    problems.add(where + ": no securityContext");
                    continue;
                }
                check(problems, Boolean.TRUE.equals(s.getReadOnlyRootFilesystem()), where, "root filesystem writable");
                check(problems, Boolean.FALSE.equals(s.getAllowPrivilegeEscalation()), where, "may escalate");
                check(problems, !Boolean.TRUE.equals(s.getPrivileged()), where, "privileged");
                check(problems, Boolean.TRUE.equals(s.getRunAsNonRoot()), where, "may run as root");
                check(problems, s.getCapabilities() != null && s.getCapabilities().getDrop() != null
                        && s.getCapabilities().getDrop().contains("ALL")
                        && (s.getCapabilities().getAdd() == null || s.getCapabilities().getAdd().isEmpty()),
                        where, "capabilities not all dropped");
                check(problems, s.getSeccompProfile() != null
                        && "RuntimeDefault".equals(s.getSeccompProfile().getType()), where, "seccomp not RuntimeDefault");
                var resources = c.getResources();
                check(problems, resources != null && resources.getRequests() != null
                        && resources.getRequests().containsKey("cpu") && resources.getRequests().containsKey("memory"),
                        where, "no cpu and memory requests");
                check(problems, resources != null && resources.getLimits() != null
                        && resources.getLimits().containsKey("memory"), where, "no memory limit");
                Set<String> env = new HashSet<>();
                if (c.getEnv() != null) {
                    c.getEnv().forEach(e -> check(problems, env.add(e.getName()), where, "env " + e.getName() + " twice"));
                }
                if (Set.of("gateway", "routing", "bot").contains(c.getName())) {
                    check(problems, probe(c.getStartupProbe(), "/q/health/started"), where, "no startup probe");
                    check(problems, probe(c.getLivenessProbe(), "/q/health/live"), where, "no liveness probe");
                    check(problems, probe(c.getReadinessProbe(), "/q/health/ready"), where, "no readiness probe");
                }
            }
        }
        return problems;
    }

    private static boolean probe(io.fabric8.kubernetes.api.model.Probe probe, String path) {
        return probe != null && probe.getHttpGet() != null && path.equals(probe.getHttpGet().getPath());
    }

    private static void check(List<String> problems, boolean ok, String where, String problem) {
        if (!ok) {
            problems.add(where + ": " + problem);
        }
    }
}
