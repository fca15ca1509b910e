{{/* The object name: the chart's name (backend, recurring, notifier, site), never the release's, so
that http://notifier:8002 and the Dapr app ids stay the same whatever the release is called. */}}
{{- define "todo-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "todo-lib.labels" -}}
{{ include "todo-lib.selectorLabels" . }}
app.kubernetes.io/part-of: chat-todo
app.kubernetes.io/version: {{ include "todo-lib.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The image tag: set per environment (local, or the commit SHA CI writes into values-cloud.yaml). */}}
{{- define "todo-lib.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{- define "todo-lib.image" -}}
{{- $tag := include "todo-lib.imageTag" . -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag must name a version or a commit, never latest" -}}
{{- end -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
