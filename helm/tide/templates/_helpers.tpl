{{/* Names. */}}
{{- define "tide.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tide.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tide.controller.fullname" -}}{{ include "tide.fullname" . }}-controller{{- end }}
{{- define "tide.metricsService.fullname" -}}{{ include "tide.fullname" . }}-metrics-service{{- end }}
{{- define "tide.webhooks.serviceName" -}}{{ include "tide.controller.fullname" . }}-webhooks{{- end }}
{{- define "tide.webhooks.configurationName" -}}{{ default (printf "%s-admission" (include "tide.fullname" .)) .Values.webhooks.name }}{{- end }}

{{/* DNS names of the webhooks Service, which the controller certificate carries (as a JSON list). */}}
{{- define "tide.webhooks.dnsNames" -}}
{{- $svc := include "tide.webhooks.serviceName" . }}
{{- if .Values.webhooks.enabled }}
{{- toJson (list $svc (printf "%s.%s.svc" $svc .Release.Namespace) (printf "%s.%s.svc.%s" $svc .Release.Namespace .Values.clusterDomain)) }}
{{- else }}[]{{ end }}
{{- end }}

{{- define "tide.controller.serviceAccountName" -}}
{{- if .Values.controller.serviceAccount.create }}{{ default (include "tide.controller.fullname" .) .Values.controller.serviceAccount.name }}{{ else }}{{ default "default" .Values.controller.serviceAccount.name }}{{ end }}
{{- end }}

{{- define "tide.metricsService.serviceAccountName" -}}
{{- if .Values.metricsService.serviceAccount.create }}{{ default (include "tide.metricsService.fullname" .) .Values.metricsService.serviceAccount.name }}{{ else }}{{ default "default" .Values.metricsService.serviceAccount.name }}{{ end }}
{{- end }}

{{/* Secrets holding the certificates; the same names whichever mode makes them. */}}
{{- define "tide.caSecretName" -}}{{ include "tide.fullname" . }}-ca{{- end }}
{{- define "tide.controller.tlsSecretName" -}}{{ include "tide.controller.fullname" . }}-tls{{- end }}
{{- define "tide.metricsService.tlsSecretName" -}}{{ include "tide.metricsService.fullname" . }}-tls{{- end }}
{{- define "tide.metricsService.clientSecretName" -}}{{ include "tide.metricsService.fullname" . }}-client-tls{{- end }}

{{- define "tide.clusterObjectNamespace" -}}{{ default .Release.Namespace .Values.clusterObjectNamespace }}{{- end }}
{{- /* "true" when the controller replicas shard the objects (member Leases), "false" under leader election. */}}
{{- define "tide.controller.sharded" -}}
{{- or (eq .Values.controller.sharding "enabled") (and (eq .Values.controller.sharding "auto") (gt (int .Values.controller.replicaCount) 1)) -}}
{{- end }}
{{- define "tide.leaseName" -}}{{ default (include "tide.controller.fullname" .) .Values.controller.leaderElection.leaseName }}{{- end }}

{{/* Watched namespaces as a list; empty means all. */}}
{{- define "tide.watchNamespaces" -}}
{{- $list := list }}
{{- range splitList "," .Values.watchNamespace }}{{ if trim . }}{{ $list = append $list (trim .) }}{{ end }}{{ end }}
{{- toJson (uniq $list) }}
{{- end }}

{{/* Namespaces where Secrets and ConfigMaps may be read by name; empty means all. */}}
{{- define "tide.secretNamespaces" -}}
{{- if .Values.rbac.secretNamespaces }}
{{- toJson (uniq (append .Values.rbac.secretNamespaces (include "tide.clusterObjectNamespace" .))) }}
{{- else }}[]{{ end }}
{{- end }}

{{/* Labels. */}}
{{- define "tide.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "tide.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tide
{{- end }}

{{- define "tide.controller.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tide.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end }}

{{- define "tide.metricsService.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tide.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: metrics-service
{{- end }}

{{- define "tide.image" -}}
{{- $root := index . 0 }}{{ $image := index . 1 }}
{{- $repo := $image.repository }}
{{- if $root.Values.image.registry }}{{ $repo = printf "%s/%s" $root.Values.image.registry $image.repository }}{{ end }}
{{- printf "%s:%s" $repo (default $root.Chart.AppVersion $image.tag) }}
{{- end }}

{{/* HTTP probes on the actuator's health groups, on the plain management port. */}}
{{- define "tide.probes" -}}
{{- $values := index . 0 }}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  {{- toYaml $values.startupProbe | nindent 2 }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  {{- toYaml $values.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  {{- toYaml $values.readinessProbe | nindent 2 }}
{{- end }}

{{/* Logging settings shared by both services' application.yaml. */}}
{{- define "tide.logging" -}}
logging:
  level:
    root: {{ .Values.logging.rootLevel }}
    dev.tide: {{ .Values.logging.level }}
    {{- range $logger, $level := .Values.logging.levels }}
    {{ $logger }}: {{ $level }}
    {{- end }}
  {{- if ne .Values.logging.format "text" }}
  structured:
    format:
      {{- /* json: Spring Boot's logstash format, flat keys (level, logger_name, message) as log shippers expect. */}}
      console: {{ eq .Values.logging.format "json" | ternary "logstash" .Values.logging.format }}
  {{- end }}
{{- end }}

{{/* Actuator on its own plain port: probes and Prometheus; the API ports stay TLS. */}}
{{- define "tide.management" -}}
{{- $port := index . 0 }}
management:
  server:
    port: {{ $port }}
    ssl:
      enabled: false
  endpoints:
    web:
      exposure:
        include: health,prometheus
  endpoint:
    health:
      probes:
        enabled: true
{{- end }}

{{/*
Certificates made by Helm, computed once per render and shared by every template that needs them. Each one is kept
across upgrades (read back from its Secret through "tide.existingSecret"), so the caBundles stay stable and the pods
keep their certificates: a certificate is made anew only when its Secret is missing, expires within
certificates.helm.renewBeforeDays, or (for the three leaf certificates) was made for other names, another validity or
another CA. Each Secret records why it may be reused: tide.dev/certificate-spec (a hash of what it was made for) and
tide.dev/not-after (its expiry, Unix seconds).
*/}}
{{- define "tide.helmCerts" -}}
{{- if not (hasKey .Values "__tideCerts") }}
{{- $days := int .Values.certificates.helm.validityDays }}
{{- $now := now | unixEpoch | int64 }}
{{- $renewAfter := add $now (mul (int .Values.certificates.helm.renewBeforeDays) 86400) }}
{{- $notAfter := add $now (mul $days 86400) | toString }}
{{- $caSpec := list "ca" $days | toJson | sha256sum }}
{{- $signer := dict }}
{{- $caNotAfter := $notAfter }}
{{- $existing := include "tide.existingSecret" (list . (include "tide.caSecretName" .)) | fromJson }}
{{- if include "tide.reusable" (list $existing "" $renewAfter) }}
{{- $signer = buildCustomCert (index $existing.data "tls.crt") (index $existing.data "tls.key") }}
{{- $annotations := $existing.metadata.annotations | default dict }}
{{- $caSpec = index $annotations "tide.dev/certificate-spec" | default $caSpec }}
{{- $caNotAfter = index $annotations "tide.dev/not-after" | default $notAfter }}
{{- else }}
{{- $signer = genCA (printf "%s-ca" (include "tide.fullname" .)) $days }}
{{- end }}
{{- $ca := dict "Cert" $signer.Cert "Key" $signer.Key "spec" $caSpec "notAfter" $caNotAfter }}
{{- $ns := .Release.Namespace }}
{{- $domain := .Values.clusterDomain }}
{{- $ctl := include "tide.controller.fullname" . }}
{{- $ms := include "tide.metricsService.fullname" . }}
{{- $ctlNames := list $ctl (printf "%s.%s" $ctl $ns) (printf "%s.%s.svc" $ctl $ns) (printf "%s.%s.svc.%s" $ctl $ns $domain) (printf "*.%s.%s.svc" $ctl $ns) (printf "*.%s.%s.svc.%s" $ctl $ns $domain) }}
{{- $ctlNames = concat $ctlNames (include "tide.webhooks.dnsNames" . | fromJsonArray) }}
{{- $msNames := list $ms (printf "%s.%s" $ms $ns) (printf "%s.%s.svc" $ms $ns) (printf "%s.%s.svc.%s" $ms $ns $domain) }}
{{- $certs := dict "ca" $ca }}
{{- range $key, $leaf := dict
    "controller" (list (include "tide.controller.tlsSecretName" .) $ctl $ctlNames)
    "metricsService" (list (include "tide.metricsService.tlsSecretName" .) $ms $msNames)
    "metricsClient" (list (include "tide.metricsService.clientSecretName" $) $ms (list)) }}
{{- $spec := list (index $leaf 1) (index $leaf 2) $days $ca.Cert | toJson | sha256sum }}
{{- $existing := include "tide.existingSecret" (list $ (index $leaf 0)) | fromJson }}
{{- if include "tide.reusable" (list $existing $spec $renewAfter) }}
{{- $_ := set $certs $key (dict "Cert" (index $existing.data "tls.crt" | b64dec) "Key" (index $existing.data "tls.key" | b64dec)
    "spec" $spec "notAfter" (index $existing.metadata.annotations "tide.dev/not-after")) }}
{{- else }}
{{- $cert := genSignedCert (index $leaf 1) nil (index $leaf 2) $days $signer }}
{{- $_ := set $certs $key (dict "Cert" $cert.Cert "Key" $cert.Key "spec" $spec "notAfter" $notAfter) }}
{{- end }}
{{- end }}
{{- $_ := set .Values "__tideCerts" $certs }}
{{- end }}
{{- end }}

{{/*
Whether an existing certificate Secret may be kept: (list secret spec renewAfter). It must hold a certificate and key,
expire after renewAfter (Unix seconds; a Secret without tide.dev/not-after counts as not expiring), and, when spec is
not empty, record the same tide.dev/certificate-spec. Non-empty output means yes.
*/}}
{{- define "tide.reusable" -}}
{{- $secret := index . 0 }}{{ $spec := index . 1 }}{{ $renewAfter := index . 2 }}
{{- $data := $secret.data | default dict }}
{{- $annotations := ($secret.metadata | default dict).annotations | default dict }}
{{- if and (index $data "tls.crt") (index $data "tls.key") }}
{{- $notAfter := index $annotations "tide.dev/not-after" | default "" }}
{{- if or (not $notAfter) (gt (int64 $notAfter) (int64 $renewAfter)) }}
{{- if or (not $spec) (eq $spec (index $annotations "tide.dev/certificate-spec" | default "")) }}true{{ end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by both workloads: (list root componentValues). */}}
{{- define "tide.podSettings" -}}
{{- $root := index . 0 }}{{ $values := index . 1 }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- with $root.Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with $values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if $values.useHostNetwork }}
hostNetwork: true
{{- end }}
{{- with $values.dnsPolicy | default (ternary "ClusterFirstWithHostNet" "" (eq $values.useHostNetwork true)) }}
dnsPolicy: {{ . }}
{{- end }}
{{- with $values.dnsConfig }}
dnsConfig:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Extra volumes and mounts from values, templated: (list root values key). */}}
{{- define "tide.extra" -}}
{{- $root := index . 0 }}{{ $values := index . 1 }}{{ $key := index . 2 }}
{{- with index $values $key }}
{{ tpl (toYaml .) $root }}
{{- end }}
{{- end }}

{{/* ServiceAccount annotations: pod identity (controller only, which calls the event sources) and values. */}}
{{- define "tide.serviceAccountAnnotations" -}}
{{- $root := index . 0 }}{{ $values := index . 1 }}{{ $podIdentity := index . 2 }}
{{- $annotations := dict }}
{{- if $podIdentity }}
{{- with $root.Values.podIdentity.azureWorkload }}
{{- if .enabled }}
{{- with .clientId }}{{ $_ := set $annotations "azure.workload.identity/client-id" . }}{{ end }}
{{- with .tenantId }}{{ $_ := set $annotations "azure.workload.identity/tenant-id" . }}{{ end }}
{{- $_ := set $annotations "azure.workload.identity/service-account-token-expiration" (toString .tokenExpiration) }}
{{- end }}
{{- end }}
{{- with $root.Values.podIdentity.aws.irsa }}
{{- if .enabled }}
{{- with .audience }}{{ $_ := set $annotations "eks.amazonaws.com/audience" . }}{{ end }}
{{- with .roleArn }}{{ $_ := set $annotations "eks.amazonaws.com/role-arn" . }}{{ end }}
{{- with .stsRegionalEndpoints }}{{ $_ := set $annotations "eks.amazonaws.com/sts-regional-endpoints" (toString .) }}{{ end }}
{{- $_ := set $annotations "eks.amazonaws.com/token-expiration" (toString .tokenExpiration) }}
{{- end }}
{{- end }}
{{- with $root.Values.podIdentity.gcp }}
{{- if and .enabled .gcpIAMServiceAccount }}
{{- $_ := set $annotations "iam.gke.io/gcp-service-account" .gcpIAMServiceAccount }}
{{- end }}
{{- end }}
{{- end }}
{{- $annotations = merge (deepCopy ($values.serviceAccount.annotations | default dict)) $annotations }}
{{- with $annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Environment shared by both containers: (list root componentValues). */}}
{{- define "tide.env" -}}
{{- $values := index . 1 }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: file:/config/
- name: JAVA_TOOL_OPTIONS
  value: {{ $values.javaOptions | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- with $values.env }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* ServiceMonitor / PodMonitor endpoint settings. */}}
{{- define "tide.scrapeSettings" -}}
interval: {{ .interval }}
{{- with .scrapeTimeout }}
scrapeTimeout: {{ . }}
{{- end }}
{{- with .relabelings }}
relabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .metricRelabelings }}
metricRelabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The aggregator's request-header CA (PEM): from values, else copied from kube-system/extension-apiserver-authentication
at install or upgrade time. Empty when neither is available (helm template without a cluster): the metrics
service then reads the ConfigMap itself.
*/}}
{{- define "tide.requestHeaderCA" -}}
{{- if .Values.metricsService.auth.requestHeaderCA }}
{{- .Values.metricsService.auth.requestHeaderCA | trim }}
{{- else }}
{{- $authentication := lookup "v1" "ConfigMap" "kube-system" "extension-apiserver-authentication" }}
{{- if $authentication }}
{{- index ($authentication.data | default dict) "requestheader-client-ca-file" | default "" | trim }}
{{- end }}
{{- end }}
{{- end }}
