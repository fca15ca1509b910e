// The node's network: namespace "k8s" joined to the host by a veth pair (this kernel has no
// "dummy" link type). The host routes the pod and Service ranges to the node, so tests, kubectl
// and a browser on the host reach pods and ClusterIPs directly, through kube-proxy's rules.
import { existsSync } from "node:fs";
import { NET } from "./config.ts";
import { NETNS_PATH, inNode } from "./daemons.ts";
import { probe, run } from "./sh.ts";

export async function netnsUp(): Promise<void> {
  if (existsSync(NETNS_PATH)) return;
  const ip = (...a: string[]) => run(["ip", ...a]);
  const node = (...a: string[]) => run(inNode(["ip", ...a]));
  await ip("netns", "add", NET.netns);
  await ip("link", "add", NET.hostIf, "type", "veth", "peer", "name", NET.nodeIf);
  await ip("link", "set", NET.nodeIf, "netns", NET.netns);
  await ip("addr", "add", `${NET.hostIp}/${NET.prefix}`, "dev", NET.hostIf);
  await ip("link", "set", NET.hostIf, "up");
  await node("link", "set", "lo", "up");
  await node("addr", "add", `${NET.nodeIp}/${NET.prefix}`, "dev", NET.nodeIf);
  await node("link", "set", NET.nodeIf, "up");
  await node("route", "add", "default", "via", NET.hostIp);
  // Forwarding between the pod bridge and the veth, and bridged pod traffic through kube-proxy's rules.
  await run(inNode(["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"]));
  probe(inNode(["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=1"]));
  await ip("route", "add", NET.podCidr, "via", NET.nodeIp);
  await ip("route", "add", NET.serviceCidr, "via", NET.nodeIp);
}

/** Deleting the namespace removes the veth pair, its routes and every iptables rule inside. */
export async function netnsDown(): Promise<void> {
  if (!existsSync(NETNS_PATH)) return;
  await run(["ip", "netns", "delete", NET.netns]);
}
