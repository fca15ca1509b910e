{{/* A Dapr pubsub.kafka component; called with (dict "root" . "pubsub" <values> "name" "consumerGroup" "initialOffset" "scopes"). */}}
{{- define "platform.kafkaComponent" -}}
{{- $p := .pubsub -}}
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: {{ .name }}
  labels:
    {{- include "platform.labels" .root | nindent 4 }}
spec:
  type: pubsub.kafka
  version: v1
  metadata:
    - name: brokers
      value: {{ required "dapr.pubsub.brokers is required" $p.brokers | quote }}
    - name: consumerGroup
      value: {{ .consumerGroup | quote }}
    - name: clientID
      value: "{appID}"
    - name: authType
      value: {{ $p.authType | quote }}
    {{- if eq $p.authType "password" }}
    - name: saslUsername
      value: {{ required "dapr.pubsub.saslUsername is required with authType password" $p.saslUsername | quote }}
    - name: saslPassword
      secretKeyRef:
        name: {{ $p.saslPasswordSecret.name }}
        key: {{ $p.saslPasswordSecret.key }}
    - name: saslMechanism
      value: {{ $p.saslMechanism | quote }}
    {{- else if ne $p.authType "none" }}
    {{- fail "dapr.pubsub.authType must be none or password" }}
    {{- end }}
    - name: disableTls
      value: {{ $p.disableTls | toString | quote }}
    - name: initialOffset
      value: {{ .initialOffset | quote }}
    - name: escapeHeaders
      value: "true"
    - name: excludeHeaderMetaRegex
      value: "^(partitionKey|rawPayload)$"
    - name: backOffPolicy
      value: "constant"
    - name: backOffDuration
      value: "1s"
    - name: backOffMaxRetries
      value: "-1"
scopes:
  {{- toYaml .scopes | nindent 2 }}
{{- end }}
