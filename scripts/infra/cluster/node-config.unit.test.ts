import { expect, test } from "bun:test";
import { NET } from "./config.ts";
import {
  CNI_CONF_DIR,
  CONTAINERD_SOCK,
  cniBridgeConfig,
  containerdConfig,
  daemons,
  kubeletConfig,
  kubeProxyConfig,
  nodeConfigFiles,
} from "./node-config.ts";

test("the daemons start in dependency order: etcd, containerd, the control plane, then the node's kubelet and kube-proxy", () => {
  expect(daemons().map((d) => d.name)).toEqual([
    "etcd",
    "containerd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "kubelet",
    "kube-proxy",
  ]);
});

test("every configuration file a daemon is started with is one that writeNodeConfig writes", () => {
  const written = Object.keys(nodeConfigFiles());
  const read = daemons().flatMap(({ argv }) =>
    argv.flatMap((arg, i) =>
      arg === "--config"
        ? [argv[i + 1]!]
        : arg.startsWith("--config=")
          ? [arg.slice("--config=".length)]
          : [],
    ),
  );
  expect(read.length).toBe(3); // containerd, kubelet, kube-proxy
  for (const file of read) expect(written).toContain(file);
});

test("containerd and the kubelet agree on the socket and on cgroupfs, and containerd finds the CNI bridge", () => {
  const containerd = containerdConfig();
  expect(containerd).toContain(`address = "${CONTAINERD_SOCK}"`);
  expect(containerd).toContain("SystemdCgroup = false");
  expect(containerd).toContain(`conf_dir = "${CNI_CONF_DIR}"`);
  // root lacks CAP_SYS_RESOURCE here: without this the sandbox's oom_score_adj fails in runc init.
  expect(containerd).toContain("restrict_oom_score_adj = true");
  const kubelet = kubeletConfig();
  expect(kubelet).toContain(`containerRuntimeEndpoint: unix://${CONTAINERD_SOCK}`);
  expect(kubelet).toContain("cgroupDriver: cgroupfs");
  expect(kubelet).toContain("failCgroupV1: false");
  expect(Object.keys(nodeConfigFiles()).some((path) => path.startsWith(`${CNI_CONF_DIR}/`))).toBe(true);
});

test("pods get addresses from the pod CIDR on one bridge, and kube-proxy routes that CIDR without touching conntrack", () => {
  const bridge = JSON.parse(cniBridgeConfig());
  expect(bridge.plugins.map((p: { type: string }) => p.type)).toEqual(["bridge", "portmap"]);
  expect(bridge.plugins[0].ipam.ranges).toEqual([[{ subnet: NET.podCidr }]]);
  const proxy = kubeProxyConfig();
  expect(proxy).toContain(`clusterCIDR: ${NET.podCidr}`);
  expect(proxy).toContain("conntrack: { maxPerCore: 0, min: 0,");
});
