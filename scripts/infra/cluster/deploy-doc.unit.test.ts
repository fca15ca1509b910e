import { expect, test } from "bun:test";
import { join } from "node:path";
import { documentedDeploy } from "./deploy-doc.ts";
import { stagingModules } from "./build-kubernetes.ts";
import { VERSIONS } from "./config.ts";
import { PEBBLE_IMAGE, TRAEFIK_IMAGE } from "./build-images.ts";

test("docs/deploy.md's cluster block installs Dapr's own chart and every chart with its values-local.yaml, one command each", () => {
  const script = documentedDeploy();
  expect(script).toContain(
    'helm upgrade --install dapr "$(go env GOMODCACHE)/github.com/dapr/dapr@v1.18.2/charts/dapr"',
  );
  for (const chart of ["platform", "backend", "recurring", "notifier", "site"]) {
    const lines = script.split("\n").filter((l) => l.startsWith(`helm upgrade --install ${chart} `));
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(`-f helm/${chart}/values-local.yaml`);
  }
});

test("the documented block and the ingress manifests name the versions `cluster build` builds", async () => {
  const script = documentedDeploy();
  expect(script).toContain(
    `github.com/letsencrypt/pebble/v2@${VERSIONS.pebble}/test/certs/pebble.minica.pem`,
  );
  expect(script).toContain(`cert-manager ${VERSIONS.certManager.slice(1)}`);
  const manifests = join(import.meta.dir, "manifests");
  expect(await Bun.file(join(manifests, "traefik.yaml")).text()).toContain(`image: ${TRAEFIK_IMAGE}`);
  expect(await Bun.file(join(manifests, "pebble.yaml")).text()).toContain(`image: ${PEBBLE_IMAGE}`);
  expect(script).toContain("-f helm/site/values-local-ingress.yaml");
  expect(script).toContain("-f helm/platform/values-local-acme.yaml");
});

test("the Kubernetes module's staging replace block is read as the list of modules to take from the proxy instead", () => {
  const goMod =
    "module k8s.io/kubernetes\n\nreplace (\n\tk8s.io/api => ./staging/src/k8s.io/api\n\tk8s.io/kubelet => ./staging/src/k8s.io/kubelet\n)\n";
  expect(stagingModules(goMod)).toEqual(["k8s.io/api", "k8s.io/kubelet"]);
});

test("the browser flow's reminder time is the first whole minute far enough ahead, as the person's zone writes it", async () => {
  const { nextMinute } = await import("./browser-flow.ts");
  const { at, hhmm } = nextMinute(new Date("2026-12-06T15:00:30Z"), 40);
  expect(at.toISOString()).toBe("2026-12-06T15:02:00.000Z");
  expect(hhmm).toBe("16:02");
});
