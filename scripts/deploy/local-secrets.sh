#!/usr/bin/env bash
# Creates the Secrets the charts read, for Minikube (docs/deploy.md): a random PostgreSQL password
# and auth secret, and the database URLs built from them. Run again: existing Secrets are kept, so
# nothing rotates under a running cluster. Nothing here is written to a file.
#   scripts/deploy/local-secrets.sh [namespace]
set -euo pipefail
ns="${1:-todo}"
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
create() { # name key value
  if exists "$1"; then echo "secret $1: kept"; return; fi
  kubectl -n "$ns" create secret generic "$1" --from-literal="$2=$3" >/dev/null
  echo "secret $1: created"
}

if exists todo-postgres; then
  pg_password="$(kubectl -n "$ns" get secret todo-postgres -o jsonpath='{.data.password}' | base64 -d)"
else
  pg_password="$(openssl rand -hex 24)"
fi
create todo-postgres password "$pg_password"
create todo-auth auth-secret "$(openssl rand -hex 32)"
create todo-dapr-app-token token "$(openssl rand -hex 32)"
# Each service owns its own database on the one local server (helm/platform creates them).
create todo-db-backend url "postgres://postgres:${pg_password}@postgres:5432/backend"
create todo-db-recurring url "postgres://postgres:${pg_password}@postgres:5432/recurring"
create todo-db-notifier url "postgres://postgres:${pg_password}@postgres:5432/notifier"
create todo-db-statestore url "postgres://postgres:${pg_password}@postgres:5432/dapr_state"
