import { expect, test } from "bun:test";
import { documentedDeploy } from "./deploy-doc.ts";
import { stagingModules } from "./build-kubernetes.ts";

test("docs/deploy.md's cluster block installs Dapr's own chart and every chart with its values-local.yaml, one command each", () => {
  const script = documentedDeploy();
  expect(script).toContain('helm upgrade --install dapr "$(go env GOMODCACHE)/github.com/dapr/dapr@v1.18.2/charts/dapr"');
  for (const chart of ["platform", "backend", "recurring", "notifier", "site"]) {
    const lines = script.split("\n").filter((l) => l.startsWith(`helm upgrade --install ${chart} `));
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(`-f helm/${chart}/values-local.yaml`);
  }
});

test("the Kubernetes module's staging replace block is read as the list of modules to take from the proxy instead", () => {
  const goMod = "module k8s.io/kubernetes\n\nreplace (\n\tk8s.io/api => ./staging/src/k8s.io/api\n\tk8s.io/kubelet => ./staging/src/k8s.io/kubelet\n)\n";
  expect(stagingModules(goMod)).toEqual(["k8s.io/api", "k8s.io/kubelet"]);
});

test("the browser flow's reminder time is the first whole minute far enough ahead, as the person's zone writes it", async () => {
  const { nextMinute } = await import("./browser-flow.ts");
  const { at, hhmm } = nextMinute(new Date("2026-12-06T15:00:30Z"), 40);
  expect(at.toISOString()).toBe("2026-12-06T15:02:00.000Z");
  expect(hhmm).toBe("16:02");
});
