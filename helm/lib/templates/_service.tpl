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

{{/* Its own identity with no API token mounted: the services never talk to the Kubernetes API. */}}
{{- define "todo-lib.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "todo-lib.name" . }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}
