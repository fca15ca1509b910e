// argocd/: the project and each environment's applications parse, match Argo CD's schemas, and
// point at charts and values files that exist, platform first, with automated prune and self-heal.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CHARTS,
  ENVIRONMENTS,
  NAMESPACE,
  REPO_ROOT as root,
  parseObjects,
  type K8sObject,
} from "./charts.ts";
import { validateObjects } from "./k8s-validate.ts";

const read = (path: string) => parseObjects(readFileSync(join(root, path), "utf8"));
type App = K8sObject & {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    project: string;
    source: {
      repoURL: string;
      targetRevision: string;
      path: string;
      helm?: { releaseName: string; valueFiles: string[] };
    };
    destination: { server: string; namespace: string };
    syncPolicy: { automated: { prune: boolean; selfHeal: boolean } };
  };
};
const project = read("argocd/project.yaml")[0] as K8sObject & {
  spec: { sourceRepos: string[]; destinations: { server: string; namespace: string }[] };
};

test("the project matches Argo CD's AppProject schema", async () => {
  expect(project.kind).toBe("AppProject");
  expect(await validateObjects([project])).toEqual([]);
});

describe.each(ENVIRONMENTS.map((e) => [e]))("the %s environment", (env) => {
  const rootApp = read(`argocd/${env}/root.yaml`)[0] as App;
  const files = readdirSync(join(root, "argocd", env, "apps")).filter((f) => f.endsWith(".yaml"));
  const apps = files.flatMap((f) => read(`argocd/${env}/apps/${f}`)) as App[];
  const wave = (a: App) => Number(a.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);

  test("its root and child applications match Argo CD's Application schema", async () => {
    expect(await validateObjects([rootApp, ...apps])).toEqual([]);
  });

  test("the root application syncs the folder of child applications", () => {
    expect(rootApp.spec.source.path).toBe(`argocd/${env}/apps`);
    expect(existsSync(join(root, rootApp.spec.source.path))).toBe(true);
  });

  test("one application per chart, each with the chart's values file for this environment, into the todo namespace", () => {
    expect(apps.map((a) => a.spec.source.path).sort()).toEqual(CHARTS.map((c) => `helm/${c}`).sort());
    for (const app of apps) {
      const chart = app.spec.source.path;
      expect(existsSync(join(root, chart, "Chart.yaml"))).toBe(true);
      expect(app.spec.source.helm!.valueFiles).toEqual([`values-${env}.yaml`]);
      expect(existsSync(join(root, chart, `values-${env}.yaml`))).toBe(true);
      expect(app.spec.source.helm!.releaseName).toBe(chart.split("/")[1]!);
      expect(app.spec.destination.namespace).toBe(NAMESPACE);
    }
  });

  test("everything syncs automatically with prune and self-heal, from a repository and to a place the project allows", () => {
    for (const app of [rootApp, ...apps]) {
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(app.spec.project).toBe(project.metadata.name);
      expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
      expect(project.spec.destinations).toContainEqual({
        server: app.spec.destination.server,
        namespace: app.spec.destination.namespace,
      });
      expect(app.spec.source.targetRevision).toBe("main");
    }
  });

  test("the platform syncs in an earlier wave than every service", () => {
    const platform = apps.find((a) => a.spec.source.path === "helm/platform")!;
    for (const app of apps.filter((a) => a !== platform)) expect(wave(platform)).toBeLessThan(wave(app));
  });
});
