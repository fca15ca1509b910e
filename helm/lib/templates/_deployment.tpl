{{/*
The Deployment of one service with its Dapr sidecar. Settings come in three maps:
  env:        plain settings (NAME: value), never a credential
  perDeploymentEnv: limits for the whole deployment that each pod keeps in memory (NAME: total);
              each pod gets total / pods, rounded up
  secretEnv:  NAME: { secret: <Secret name>, key: <key> }: read from a Kubernetes Secret at start
With Dapr, dapr.appTokenSecret names the Secret (key `token`) that both the sidecar (it sends the
token on every call to the app) and the app (APP_API_TOKEN: it refuses calls without it) read.
The root file system is read-only; /tmp is an emptyDir (DATA_DIR and TMPDIR point there).
*/}}
{{- define "todo-lib.deployment" -}}
{{- $name := include "todo-lib.name" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "todo-lib.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "todo-lib.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "todo-lib.selectorLabels" . | nindent 8 }}
      annotations:
        {{- if .Values.dapr.enabled }}
        dapr.io/enabled: "true"
        dapr.io/app-id: {{ .Values.dapr.appId | default $name | quote }}
        dapr.io/app-port: {{ .Values.containerPort | quote }}
        dapr.io/app-protocol: "http"
        dapr.io/app-token-secret: {{ required "dapr.appTokenSecret is required" .Values.dapr.appTokenSecret | quote }}
        dapr.io/enable-app-health-check: "true"
        dapr.io/app-health-check-path: "/healthz"
        dapr.io/enable-metrics: "true"
        dapr.io/metrics-port: "9090"
        dapr.io/log-level: {{ .Values.dapr.logLevel | quote }}
        dapr.io/sidecar-cpu-request: {{ .Values.dapr.sidecar.cpuRequest | quote }}
        dapr.io/sidecar-memory-request: {{ .Values.dapr.sidecar.memoryRequest | quote }}
        dapr.io/sidecar-cpu-limit: {{ .Values.dapr.sidecar.cpuLimit | quote }}
        dapr.io/sidecar-memory-limit: {{ .Values.dapr.sidecar.memoryLimit | quote }}
        dapr.io/graceful-shutdown-seconds: {{ .Values.dapr.gracefulShutdownSeconds | quote }}
        {{- end }}
        prometheus.io/scrape: "true"
        prometheus.io/path: "/metrics"
        prometheus.io/port: {{ .Values.containerPort | quote }}
    spec:
      serviceAccountName: {{ $name }}
      # The Dapr sidecar authenticates to the Kubernetes API with it (see todo-lib.serviceAccount).
      automountServiceAccountToken: true
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ .Values.securityContext.runAsUser }}
        runAsGroup: {{ .Values.securityContext.runAsUser }}
        fsGroup: {{ .Values.securityContext.runAsUser }}
        seccompProfile:
          type: RuntimeDefault
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if gt (int .Values.replicaCount) 1 }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "todo-lib.selectorLabels" . | nindent 14 }}
      {{- end }}
      containers:
        - name: {{ $name }}
          image: {{ include "todo-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
              protocol: TCP
          env:
            - name: PORT
              value: {{ .Values.containerPort | quote }}
            - name: NODE_ENV
              value: "production"
            - name: DATA_DIR
              value: "/tmp/data"
            {{- range $key, $value := .Values.env }}
            - name: {{ $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
            {{- /* Totals for the whole deployment, kept per pod in memory: each pod gets its share,
                 rounded up, of the most pods there can be (the autoscaler's maximum when it is on). */}}
            {{- $pods := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled | int }}
            {{- range $key, $total := .Values.perDeploymentEnv }}
            - name: {{ $key }}
              value: {{ div (add (int $total) (sub $pods 1)) $pods | toString | quote }}
            {{- end }}
            {{- if .Values.dapr.enabled }}
            - name: APP_API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.dapr.appTokenSecret | quote }}
                  key: token
            {{- end }}
            {{- range $key, $ref := .Values.secretEnv }}
            - name: {{ $key }}
              valueFrom:
                secretKeyRef:
                  name: {{ required (printf "secretEnv.%s.secret is required" $key) $ref.secret }}
                  key: {{ required (printf "secretEnv.%s.key is required" $key) $ref.key }}
            {{- end }}
          lifecycle:
            # A terminating pod leaves the Service's endpoints as it gets SIGTERM, but kube-proxy and the
            # ingress apply that a moment later: serving 5 s more first means no request of a rollout
            # meets a closed port (the cluster tier saw 1 of 809 requests get a 502 without it).
            preStop:
              exec:
                command: ["sleep", "5"]
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}
