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
      console: {{ .Values.logging.format }}
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
Certificates made by Helm, computed once per render and shared by every template that needs them.
The CA is kept across upgrades (read back from its Secret), so the APIService and webhook caBundles stay stable.
*/}}
{{- define "tide.helmCerts" -}}
{{- if not (hasKey .Values "__tideCerts") }}
{{- $days := int .Values.certificates.helm.validityDays }}
{{- $ca := dict }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "tide.caSecretName" .) }}
{{- if and $existing (index ($existing.data | default dict) "tls.crt") }}
{{- $ca = buildCustomCert (index $existing.data "tls.crt") (index $existing.data "tls.key") }}
{{- else }}
{{- $ca = genCA (printf "%s-ca" (include "tide.fullname" .)) $days }}
{{- end }}
{{- $ns := .Release.Namespace }}
{{- $domain := .Values.clusterDomain }}
{{- $ctl := include "tide.controller.fullname" . }}
{{- $ms := include "tide.metricsService.fullname" . }}
{{- $ctlNames := list $ctl (printf "%s.%s" $ctl $ns) (printf "%s.%s.svc" $ctl $ns) (printf "%s.%s.svc.%s" $ctl $ns $domain) (printf "*.%s.%s.svc" $ctl $ns) (printf "*.%s.%s.svc.%s" $ctl $ns $domain) }}
{{- $ctlNames = concat $ctlNames (include "tide.webhooks.dnsNames" . | fromJsonArray) }}
{{- $msNames := list $ms (printf "%s.%s" $ms $ns) (printf "%s.%s.svc" $ms $ns) (printf "%s.%s.svc.%s" $ms $ns $domain) }}
{{- $certs := dict
    "ca" $ca
    "controller" (genSignedCert $ctl nil $ctlNames $days $ca)
    "metricsService" (genSignedCert $ms nil $msNames $days $ca)
    "metricsClient" (genSignedCert $ms nil (list) $days $ca) }}
{{- $_ := set .Values "__tideCerts" $certs }}
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
