{{- define "todo-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "todo-lib.name" . }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "todo-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.containerPort }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* Its own identity. Its token is mounted because the Dapr sidecar uses it (the Kubernetes
secret store, secretstore-k8s); the Role below lets it read only this service's own Secrets. */}}
{{- define "todo-lib.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "todo-lib.name" . }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
automountServiceAccountToken: true
{{- end -}}

{{/* The names of the Secrets this service reads (secretEnv), sorted and without repeats. */}}
{{- define "todo-lib.secretNames" -}}
{{- $names := list -}}
{{- range $_, $ref := .Values.secretEnv }}{{ $names = append $names $ref.secret }}{{ end -}}
{{- if .Values.dapr.enabled }}{{ $names = append $names .Values.dapr.appTokenSecret }}{{ end -}}
{{- toJson ($names | uniq | sortAlpha) -}}
{{- end -}}

{{- define "todo-lib.rbac" -}}
{{- $names := include "todo-lib.secretNames" . | fromJsonArray -}}
{{- if $names }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ printf "%s-secrets" (include "todo-lib.name" .) }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
    resourceNames:
      {{- toYaml $names | nindent 6 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ printf "%s-secrets" (include "todo-lib.name" .) }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ printf "%s-secrets" (include "todo-lib.name" .) }}
subjects:
  - kind: ServiceAccount
    name: {{ include "todo-lib.name" . }}
    namespace: {{ .Release.Namespace }}
{{- end }}
{{- end -}}
