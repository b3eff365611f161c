{{/*
Names, labels and the pieces every Parley workload shares. The three services (gateway, routing, bot) are
rendered by the same templates, each given a "component" context: (dict "root" $ "name" "gateway").
*/}}

{{- define "parley.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "parley.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The components this release runs, in order. */}}
{{- define "parley.components" -}}
{{- $list := list "gateway" "routing" -}}
{{- if .Values.bot.enabled -}}{{- $list = append $list "bot" -}}{{- end -}}
{{- toJson $list -}}
{{- end -}}

{{- define "parley.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "parley.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: parley
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of one component's objects; the selector labels are a stable subset. */}}
{{- define "parley.componentLabels" -}}
{{ include "parley.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "parley.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "parley.annotations" -}}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "parley.componentName" -}}
{{- printf "%s-%s" (include "parley.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "parley.serviceAccountName" -}}
{{- $c := index .root.Values .name -}}
{{- if $c.serviceAccount.create -}}
{{- default (include "parley.componentName" .) $c.serviceAccount.name -}}
{{- else -}}
{{- default "default" $c.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag or @digest; global.imageRegistry wins over the image's own registry. */}}
{{- define "parley.image" -}}
{{- $c := index .root.Values .name -}}
{{- $registry := default $c.image.registry .root.Values.global.imageRegistry -}}
{{- $ref := printf "%s/%s" $registry $c.image.repository | trimPrefix "/" -}}
{{- if $c.image.digest -}}
{{- printf "%s@%s" $ref $c.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (default .root.Chart.AppVersion $c.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
Requests and limits by size. Quarkus on the JVM: memory is what matters; a CPU limit above the request lets a pod
burst while starting (start-up is CPU-bound), the request is what HPA's utilisation is measured against.
*/}}
{{- define "parley.resources.preset" -}}
{{- $presets := dict
  "small" (dict "requests" (dict "cpu" "250m" "memory" "384Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "1" "memory" "512Mi" "ephemeral-storage" "1Gi"))
  "medium" (dict "requests" (dict "cpu" "500m" "memory" "768Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "2" "memory" "1Gi" "ephemeral-storage" "1Gi"))
  "large" (dict "requests" (dict "cpu" "1" "memory" "1536Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "3" "memory" "2Gi" "ephemeral-storage" "2Gi"))
  "xlarge" (dict "requests" (dict "cpu" "2" "memory" "3Gi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "4" "memory" "4Gi" "ephemeral-storage" "2Gi"))
-}}
{{- if not (hasKey $presets .type) -}}
{{- fail (printf "resourcesPreset %q is not one of: none, %s" .type (keys $presets | sortAlpha | join ", ")) -}}
{{- end -}}
{{- index $presets .type | toYaml -}}
{{- end -}}

{{- define "parley.resources" -}}
{{- $c := index .root.Values .name -}}
{{- if $c.resources -}}
{{- toYaml $c.resources -}}
{{- else if ne $c.resourcesPreset "none" -}}
{{- include "parley.resources.preset" (dict "type" $c.resourcesPreset) -}}
{{- end -}}
{{- end -}}

{{/* Spread replicas over zones, then nodes, unless the values give their own constraints. */}}
{{- define "parley.topologySpread" -}}
{{- $c := index .root.Values .name -}}
{{- if $c.topologySpreadConstraints -}}
{{- toYaml $c.topologySpreadConstraints -}}
{{- else -}}
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "parley.selectorLabels" . | nindent 6 }}
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "parley.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/* Environment every service reads: where PostgreSQL, Redis and Kafka are, and the JVM options. */}}
{{- define "parley.env.common" -}}
{{- $v := .root.Values -}}
{{- $c := index $v .name -}}
- name: QUARKUS_PROFILE
  value: prod
- name: JAVA_OPTS_APPEND
  value: {{ $c.javaOpts | quote }}
- name: PARLEY_DB_REACTIVE_URL
  value: {{ printf "postgresql://%s:%v/%s" (tpl $v.postgresql.host .root) $v.postgresql.port $v.postgresql.database | quote }}
- name: PARLEY_DB_USER
  value: {{ $v.postgresql.username | quote }}
- name: PARLEY_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ tpl $v.postgresql.existingSecret .root }}
      key: {{ $v.postgresql.existingSecretPasswordKey }}
- name: PARLEY_DB_POOL
  value: {{ $v.postgresql.poolSize | quote }}
- name: PARLEY_REDIS_URL
  value: {{ tpl $v.redis.url .root | quote }}
{{- if $v.redis.existingSecret }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ tpl $v.redis.existingSecret .root }}
      key: {{ $v.redis.existingSecretPasswordKey }}
{{- end }}
- name: PARLEY_KAFKA_BOOTSTRAP
  value: {{ tpl $v.kafka.bootstrapServers .root | quote }}
- name: PARLEY_LOG_JSON
  value: {{ $v.logging.json | quote }}
{{- if $v.metrics.tracing.enabled }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $v.metrics.tracing.endpoint | quote }}
{{- end }}
{{- end -}}

{{- define "parley.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: {{ $p.liveness.periodSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: {{ $p.readiness.periodSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
{{- end -}}

{{/* The topic record of values.kafka.topics by its key (inbound, messages, ...). */}}
{{- define "parley.topicName" -}}
{{- (index .root.Values.kafka.topics .topic).name -}}
{{- end -}}
