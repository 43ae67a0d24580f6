// `upshift fix --write` on a copy of the example estate, then `upshift check`: what is left
// is exactly what fix said needs a person, the diff is exactly the migration (pinned in
// fixtures/estate-fix.diff), and a second run changes nothing.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck, runFix } from '../src/index.js';
import { renderDiff } from '../src/fix/render.js';
import { runFixDryRuns } from '../src/run-fix.js';

const work = mkdtempSync(join(tmpdir(), 'upshift-estate-'));
cpSync('examples/estate', work, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fix on the example estate, 1.28 → 1.36', () => {
  it('migrates, leaves only what needs a person, and is a no-op the second time', async () => {
    const options = { paths: ['.'], cwd: work, current: '1.28', target: '1.36' };
    const fixed = await runFix({ ...options, write: true });
    await expect(renderDiff(fixed)).toMatchFileSnapshot('fixtures/estate-fix.diff');
    expect(fixed.written).toEqual(fixed.files.map((file) => file.path));
    expect(fixed.problems).toEqual([]);
    expect(fixed.manual.map((item) => `${item.severity} ${item.path}:${item.line} ${item.kind}`)).toEqual([
      'error apps/notifications/pdb.yaml:4 PodDisruptionBudget',
      'warning apps/payments/legacy-card-gateway.yaml:17 Endpoints',
      'error platform/addons/cert-manager/certificates.yaml:40 Certificate',
      'error platform/addons/karpenter/provisioners.yaml:3 Provisioner',
      'error platform/addons/karpenter/provisioners.yaml:37 AWSNodeTemplate',
      'error platform/addons/webhooks/acme-policy-webhook.yaml:4 ValidatingWebhookConfiguration',
      'error platform/cluster/psp.yaml:4 PodSecurityPolicy',
      'error platform/cluster/psp.yaml:31 PodSecurityPolicy',
      'error rendered/external-dns.yaml:3 PodSecurityPolicy',
      'error rendered/prometheus-node-exporter.yaml:3 PodSecurityPolicy',
      'error charts/acme-service/templates/hpa.yaml:5 HorizontalPodAutoscaler',
      'error charts/acme-service/templates/ingress.yaml:8 Ingress',
      // Terraform kubernetes_* resources: named, with the HCL edit and state move to make.
      'error infra/terraform/kubernetes.tf:14 Ingress',
      'error infra/terraform/kubernetes.tf:40 PodDisruptionBudget',
      'error infra/terraform/kubernetes.tf:56 CronJob',
      'error infra/terraform/kubernetes.tf:89 HorizontalPodAutoscaler',
      'error infra/terraform/kubernetes.tf:118 Provisioner',
    ]);
    expect(fixed.manual.find((item) => item.path === 'infra/terraform/kubernetes.tf' && item.line === 56)?.reason).toBe(
      'Terraform resource kubernetes_cron_job.velero_backup_report: upshift fix does not rewrite HCL; at infra/terraform/kubernetes.tf:56 change resource "kubernetes_cron_job" "velero_backup_report" to resource "kubernetes_cron_job_v1" "velero_backup_report" (kubernetes_cron_job_v1 writes batch/v1 with the same schema) and rename references to it, then in each environment\'s state run terraform state rm kubernetes_cron_job.velero_backup_report and terraform import kubernetes_cron_job_v1.velero_backup_report platform/velero-backup-report',
    );

    const check = await runCheck(options);
    // Terraform-managed objects are fixed in HCL, which fix does not edit: it names each one.
    const remaining = check.findings
      // A PodSecurityPolicy's removal is its psp-in-use finding (it replaces api-removed there).
      .filter((finding) => (finding.id.startsWith('api-') || finding.id === 'psp-in-use') && (finding.origin?.type === 'file' || finding.origin?.type === 'terraform'))
      .map((finding) => (finding.origin && 'path' in finding.origin ? `${finding.origin.path}:${finding.origin.line}` : ''));
    // Every API finding left is one fix handed to a person. Not every hand-over stays a
    // finding: the chart's capability-gated templates render the right API for the target.
    const manual = fixed.manual.map((item) => `${item.path}:${item.line}`);
    expect([...new Set(remaining)].filter((location) => !manual.includes(location))).toEqual([]);
    expect(manual.filter((location) => !remaining.includes(location))).toEqual([
      'charts/acme-service/templates/hpa.yaml:5',
      'charts/acme-service/templates/ingress.yaml:8',
    ]);

    const again = await runFix({ ...options, write: true });
    expect(again.files).toEqual([]);
    expect(again.written).toEqual([]);
    expect(again.manual).toEqual(fixed.manual);
  });
});

describe('fix dry runs for several targets at once (plan, a hop each)', () => {
  it('gives each target the report a dry run of fix for it alone gives, the problems of a file included', async () => {
    const estate = mkdtempSync(join(tmpdir(), 'upshift-dry-runs-'));
    try {
      cpSync('examples/estate', estate, { recursive: true });
      // A file fix cannot read is told in every target's report.
      writeFileSync(join(estate, 'broken.yaml'), Buffer.from('a: \u0000'));
      const options = { paths: ['.'], cwd: estate, current: '1.24', now: new Date('2026-12-08') };
      const targets = ['1.25', '1.29', '1.33'];
      const together = await runFixDryRuns(options, targets);
      const alone = await Promise.all(targets.map((target) => runFix({ ...options, target })));
      expect(together).toEqual(alone);
      expect(together.map((report) => [report.target, report.problems.map((problem) => problem.origin)])).toEqual(
        targets.map((target) => [target, [{ type: 'file', path: 'broken.yaml', line: 1, column: 1 }]]),
      );
      // Each target migrates what it no longer serves: 1.29 three objects more than 1.25.
      expect(together.map((report) => report.changes.length)).toEqual([22, 25, 25]);
    } finally {
      rmSync(estate, { recursive: true, force: true });
    }
  });
});
