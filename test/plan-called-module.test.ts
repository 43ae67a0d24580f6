// A Terraform root module whose environments switch on add-ons of a module it calls by a local
// path (as aws-ia/terraform-aws-eks-blueprints-addons' tests/complete does): the chart version is
// a line of the called module, which no environment's tfvars file reaches, so the plan edits it
// in place and says that every calling environment moves with it.
import { describe, expect, it } from 'vitest';
import { runUpshift } from './support/run-upshift.js';

const DIR = 'test/fixtures/terraform/called-addons';

describe('plan for a module called by a local path', () => {
  it('edits the called module\'s line in place, with no tfvars line the module could not read', async () => {
    const run = await runUpshift(['plan', DIR, '--target', '1.33', '--strategy', 'in-place', '--env', 'prod', '-o', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const steps = JSON.parse(run.stdout).environments[0].steps as { title: string; edits: { file: string; line: number; from: string; to: string }[]; commands: string[]; items: string[] }[];
    const first = steps.find((step) => step.title.startsWith('Upgrade cert-manager '))!;
    expect(first.title).toBe('Upgrade cert-manager from 1.14.3 to v1.15.5 (chart v1.15.5) before 1.31→1.32');
    expect(first.edits).toEqual([{ file: `${DIR}/addons/main.tf`, line: 30, from: '  chart_version = try(var.cert_manager.chart_version, "v1.14.3")', to: '  chart_version = try(var.cert_manager.chart_version, "v1.15.5")' }]);
    expect(first.commands).toEqual([`terraform -chdir=${DIR}/live init`, `terraform -chdir=${DIR}/live workspace select prod`, `terraform -chdir=${DIR}/live apply -var-file=env/prod.tfvars`]);
    expect(first.items).toContain(`${DIR}/addons/main.tf:30 is in module ${DIR}/addons, which other modules call: this changes it for every environment that calls it`);
    // The control plane's version is prod's own tfvars line; no add-on step writes there.
    const addonSteps = steps.filter((step) => step.title.startsWith('Upgrade cert-manager '));
    expect(addonSteps.length).toBeGreaterThan(1);
    expect(addonSteps.flatMap((step) => step.edits).filter((edit) => edit.file !== `${DIR}/addons/main.tf`)).toEqual([]);
  });
});
