// One place for the single-node cluster's versions, host paths and addresses. Everything built is
// cached under CLUSTER_HOME (~/.cache/chat-todo/cluster) and reused; the running cluster's state
// (etcd, kubelet, containerd) lives under CLUSTER_HOME/run. The paths are fixed on purpose: one
// cluster per machine, guarded by CLUSTER_LOCK.
import { homedir } from "node:os";
import { join } from "node:path";

export const VERSIONS = {
  kubernetes: "v1.34.2",
  /** The published k8s.io/* staging modules that match kubernetes v1.34.2. */
  staging: "v0.34.2",
  dapr: "1.18.2",
  coredns: "v1.14.7",
  /**
   * The ingress controller in front of the site (ingress-nginx has no tagged versions on the Go module
   * proxy). v3.6: from v3.7 on, the module replaces one of its packages by a nested module the proxy
   * does not serve (github.com/traefik/traefik/dynamic/ext), so it cannot be built from the proxy.
   */
  traefik: "v3.6.12",
  /** The newest cert-manager whose commands are in its root module (later ones are separate modules the proxy does not serve). */
  certManager: "v1.11.5",
  /** Let's Encrypt's ACME test server: the local cluster's certificate authority. */
  pebble: "v2.10.3",
  bun: "1.4.5",
  pause: "3.10.1",
  debian: "bookworm",
  kafka: "4.4.0",
  postgres: "15",
} as const;

export const CLUSTER_HOME = process.env.CLUSTER_HOME ?? join(homedir(), ".cache", "chat-todo", "cluster");
export const BIN = join(CLUSTER_HOME, "bin");
export const SRC = join(CLUSTER_HOME, "src");
export const IMAGES = join(CLUSTER_HOME, "images");
export const STAMPS = join(CLUSTER_HOME, "stamps");
export const RUN = join(CLUSTER_HOME, "run");
export const CLUSTER_LOCK = join(CLUSTER_HOME, ".cluster.lock");
export const BUILD_LOCK = join(CLUSTER_HOME, ".build.lock");

/** The node lives in its own network namespace, joined to the host by one veth pair. */
export const NET = {
  netns: "k8s",
  hostIf: "k8s-host",
  nodeIf: "k8s0",
  hostIp: "10.200.0.1",
  nodeIp: "10.200.0.2",
  prefix: 24,
  podCidr: "10.244.0.0/24",
  serviceCidr: "10.96.0.0/16",
  apiServiceIp: "10.96.0.1",
  dnsServiceIp: "10.96.0.10",
} as const;

export const NODE_NAME = "node1";
export const KUBE_BINARIES = [
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kubelet",
  "kube-proxy",
  "kubectl",
] as const;
/** cert-manager's four commands, built from its module's cmd/ folder. */
export const CERT_MANAGER_COMMANDS = ["controller", "webhook", "cainjector", "acmesolver"] as const;
/** The name the ingress serves the site under; CoreDNS answers it with the node's address. */
export const SITE_HOST = "todo.local.test";
export const DAPR_COMMANDS = ["operator", "injector", "sentry", "placement", "scheduler", "daprd"] as const;
