{{/* Everything one service chart renders: `{{ include "todo-lib.app" . }}` in its templates/app.yaml. */}}
{{- define "todo-lib.app" -}}
{{ include "todo-lib.serviceAccount" . }}
---
{{ include "todo-lib.service" . }}
---
{{ include "todo-lib.deployment" . }}
{{- with (include "todo-lib.rbac" .) }}
---
{{ . }}
{{- end }}
{{- with (include "todo-lib.pdb" .) }}
---
{{ . }}
{{- end }}
{{- with (include "todo-lib.hpa" .) }}
---
{{ . }}
{{- end }}
{{- with (include "todo-lib.ingress" .) }}
---
{{ . }}
{{- end }}
{{- end -}}
