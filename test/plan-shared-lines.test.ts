// Lines that every environment's plan reaches (test/fixtures/plan-shared): two clusters, each a
// Terraform root module of its own (prod's with a chart of its own), beside a root of add-ons
// alone and an Argo CD Application that no environment names. The first environment's steps upgrade such a line; the second's must not
// set it back to the first release of its own chain (it did, from v1.20.3 to v1.16.5, on
// aws-samples/eks-workshop-v2), nor apply a root module that does not hold it.
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';

const DIR = 'test/fixtures/plan-shared';

interface Step {
  title: string;
  edits: { file: string; line: number; from: string; to: string }[];
  commands: string[];
  items: string[];
}

describe('plan of lines every environment reaches', () => {
  it('upgrades them once, in the first environment, and never back', async () => {
    const run = await runUpshift(['plan', DIR, '--target', '1.33', '--strategy', 'in-place', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const [dev, prod] = JSON.parse(run.stdout).environments as { name: string; steps: Step[]; manual: { id: string; path: string; line: number; why: string }[] }[];
    expect([dev.name, prod.name]).toEqual([`${DIR}/clusters/dev`, `${DIR}/clusters/prod`]);
    const certManager = dev.steps.filter((step) => step.title.startsWith('Upgrade cert-manager '));
    expect(certManager.map((step) => step.edits.map((edit) => `${edit.line}: ${edit.to.trim()}`))).toEqual(['v1.16.5', 'v1.17.4', 'v1.18.6', 'v1.19.6', 'v1.20.3'].map((version) => [`6: version    = "${version}"`]));
    // The add-ons root is applied where it is, not through the cluster's root, which does not call it.
    for (const step of certManager) expect(step.commands).toEqual([`terraform -chdir=${DIR}/addons init`, `terraform -chdir=${DIR}/addons apply`]);
    expect(prod.steps.filter((step) => step.title.includes('cert-manager'))).toEqual([]);
    expect(prod.manual.filter((entry) => entry.id === 'addon-upgrade-first')).toEqual([
      { id: 'addon-upgrade-first', path: `${DIR}/addons/main.tf`, line: 2, why: `${DIR}/addons/main.tf:6 is in Terraform root module ${DIR}/addons, which an earlier environment's steps in this plan upgrade to v1.20.3` },
    ]);
    // The Application reaches both clusters: dev's step edits it, prod's syncs what dev's left, and says so.
    expect(dev.steps.filter((step) => step.title.includes('ingress-nginx')).map((step) => [step.title, step.edits.map((edit) => edit.to.trim()), step.commands])).toEqual([
      ['Upgrade ingress-nginx from 1.11 to 1.15.1 (chart 4.15.1) before 1.32→1.33', ['targetRevision: 4.15.1'], ['argocd app sync ingress']],
    ]);
    const [applied] = prod.steps.filter((step) => step.title.includes('ingress-nginx'));
    expect([applied.title, applied.edits, applied.commands]).toEqual([`Apply ingress-nginx chart 4.15.1 before 1.32→1.33, which ${DIR}/argocd/app.yaml:9 already holds`, [], ['argocd app sync ingress']]);
    // A chart in prod's own root module is prod's to upgrade and apply (it had been dev's step,
    // applying dev's root, as the root names no environment on what it reads).
    const karpenter = (steps: Step[]) => steps.filter((step) => step.title.includes('karpenter')).map((step) => [step.title, step.edits.map((edit) => `${edit.file}:${edit.line}`), step.commands]);
    expect(karpenter(dev.steps)).toEqual([]);
    expect(karpenter(prod.steps)).toEqual([
      ['Upgrade karpenter from 1.0.2 to v1.14.1 (chart 1.14.1) before 1.32→1.33', [`${DIR}/clusters/prod/karpenter.tf:6`], [`terraform -chdir=${DIR}/clusters/prod init`, `terraform -chdir=${DIR}/clusters/prod apply`]],
    ]);
    expect(applied.items.at(-1)).toBe(`${DIR}/argocd/app.yaml:9 already holds 4.15.1: an earlier environment's steps in this plan move it there. This environment takes it when it applies, skipping the releases between the one it runs (1.11) and it; where ingress-nginx must move one release at a time, apply here after each of those steps too.`);
  });
});
