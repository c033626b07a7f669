{{/*
An existing Secret of the release namespace, as JSON ({} when there is none, or no cluster: helm template).
The only place the chart looks into the cluster for its certificates, in a file of its own so that
deploy-checks/scripts/check-chart.mjs can stand in for the cluster and test both branches of every choice.
*/}}
{{- define "tide.existingSecret" -}}
{{- $root := index . 0 }}{{ $name := index . 1 }}
{{- lookup "v1" "Secret" $root.Release.Namespace $name | default dict | toJson }}
{{- end }}
