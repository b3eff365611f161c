package io.parley.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders Parley's manifests the way a platform team would: the chart with Helm's own engine (helm-java runs Helm's
 * Go library in-process), the Kustomize overlays with {@code kubectl kustomize}. Paths are relative to the repository
 * root (the working directory of these tests).
 */
final class Manifests {
    static final Path CHART = Path.of("k8s/helm/parley");
    static final Path KUSTOMIZE = Path.of("k8s/kustomize");
    static final String RELEASE = "parley";
    static final String NAMESPACE = "parley";
    /** The Kubernetes version the chart is rendered for (its Chart.yaml asks for 1.27 or newer). */
    static final String KUBE_VERSION = "1.31.0";

    private Manifests() {
    }

    /** {@code helm template parley k8s/helm/parley -n parley} with the given values files and --set pairs. */
    static String helmTemplate(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /** {@code kubectl kustomize <dir>}; kubectl carries Kustomize. */
    static String kustomize(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            return new String(out);
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl is needed to render " + dir + " (./parley installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The documents of a multi-document YAML stream as plain maps (empty documents dropped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(yaml)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /** Every document as fabric8's typed model (strictness is {@link StrictModel}'s job). */
    static List<HasMetadata> objects(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> doc : documents(yaml)) {
            objects.add(Serialization.unmarshal(Serialization.asJson(doc), HasMetadata.class));
        }
        return objects;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of one kind. */
    static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of a kind (the test fails when there are none or several). */
    static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = all(objects, type);
        org.junit.jupiter.api.Assertions.assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }
}
