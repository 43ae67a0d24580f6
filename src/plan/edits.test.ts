import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditSession, splitComment, variableNameFor } from './edits.js';

let cwd: string;
const write = (files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(cwd, path, '..'), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
};

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'upshift-edits-'));
  write({
    'infra/addons.tf': [
      'resource "aws_eks_addon" "kube_proxy" {',
      '  addon_name    = "kube-proxy"',
      '  addon_version = "v1.28.1-eksbuild.1"',
      '}',
      '',
      'resource "helm_release" "ingress_nginx" {',
      '  chart   = "ingress-nginx"',
      '  version = "4.7.1" # controller v1.8.1',
      '}',
      '',
    ].join('\n'),
    'infra/variables.tf': 'variable "environment" {\n  type = string\n}\n\nvariable "kube_proxy_addon_version" {\n  type = string\n}\n',
    'infra/env/dev.tfvars': 'environment = "dev"\n',
    'infra/env/prod.tfvars': 'environment = "prod"\n',
    'live/ops/terragrunt.hcl': 'terraform {\n  source = "../../infra"\n}\n',
    'infra/env/qa.tfvars.json': '{\n  "environment": "qa"\n}\n',
    'eks/prod.tfvars': 'cluster_version = "1.27" # EKS 1.27, see PLAT-12\n',
    'charts/shop/Chart.yaml': 'dependencies:\n  - name: ingress-nginx\n    version: 4.7.1 # controller v1.8.1\n',
  });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const dev = { name: 'dev', varFile: 'infra/env/dev.tfvars' };
const prod = { name: 'prod', varFile: 'infra/env/prod.tfvars' };

describe('a literal shared by every environment', () => {
  it('becomes a variable (default: today\'s value) in the first window that moves it; each environment then sets it in its own tfvars', () => {
    const session = new EditSession(cwd);
    const site = { path: 'infra/addons.tf', line: 3, value: 'v1.28.1-eksbuild.1', shared: {} };
    const first = session.set(site, 'v1.29.15-eksbuild.16', dev);
    // kube_proxy_addon_version is taken: the new variable gets the next free name.
    expect(first).toEqual({
      edits: [
        { file: 'infra/addons.tf', line: 3, from: '  addon_version = "v1.28.1-eksbuild.1"', to: '  addon_version = var.kube_proxy_addon_version_2' },
        {
          file: 'infra/variables.tf',
          line: 7,
          from: '}',
          to: '}\n\nvariable "kube_proxy_addon_version_2" {\n  description = "Set in each environment\'s own variables (its .tfvars file or terragrunt.hcl inputs), so that the environments are upgraded one at a time."\n  type        = string\n  default     = "v1.28.1-eksbuild.1"\n}',
        },
        { file: 'infra/env/dev.tfvars', line: 1, from: 'environment = "dev"', to: 'environment = "dev"\n\nkube_proxy_addon_version_2 = "v1.29.15-eksbuild.16"' },
      ],
      note: 'infra/addons.tf:3 is shared by every environment: it becomes variable kube_proxy_addon_version_2 (default v1.28.1-eksbuild.1, which the other environments keep until their own window) and dev sets it in infra/env/dev.tfvars',
    });
    // Production still runs the default until its own window.
    expect(session.valueAt(site, prod)).toBe('v1.28.1-eksbuild.1');
    expect(session.valueAt(site, dev)).toBe('v1.29.15-eksbuild.16');
    expect(session.set(site, 'v1.30.14-eksbuild.28', dev)).toEqual({
      edits: [{ file: 'infra/env/dev.tfvars', line: 3, from: 'kube_proxy_addon_version_2 = "v1.29.15-eksbuild.16"', to: 'kube_proxy_addon_version_2 = "v1.30.14-eksbuild.28"' }],
    });
    expect(session.set(site, 'v1.29.15-eksbuild.16', prod)).toEqual({
      edits: [{ file: 'infra/env/prod.tfvars', line: 1, from: 'environment = "prod"', to: 'environment = "prod"\n\nkube_proxy_addon_version_2 = "v1.29.15-eksbuild.16"' }],
      note: 'infra/addons.tf:3 reads variable kube_proxy_addon_version_2 since an earlier environment\'s window; prod sets its own value in infra/env/prod.tfvars',
    });
    // Already the value it runs: nothing to write.
    expect(session.set(site, 'v1.28.1-eksbuild.1', { name: 'qa', varFile: 'infra/env/qa.tfvars.json' })).toEqual({ edits: [] });
    expect(session.text('infra/addons.tf')?.[2]).toBe('  addon_version = var.kube_proxy_addon_version_2');
  });

  it('takes a chart version\'s trailing comment to the default it describes', () => {
    const session = new EditSession(cwd);
    const result = session.set({ path: 'infra/addons.tf', line: 8, value: '4.7.1', shared: {} }, '4.12.8', dev);
    expect('edits' in result && result.edits.slice(0, 2)).toEqual([
      { file: 'infra/addons.tf', line: 8, from: '  version = "4.7.1" # controller v1.8.1', to: '  version = var.ingress_nginx_chart_version' },
      {
        file: 'infra/variables.tf',
        line: 7,
        from: '}',
        to: '}\n\nvariable "ingress_nginx_chart_version" {\n  description = "Set in each environment\'s own variables (its .tfvars file or terragrunt.hcl inputs), so that the environments are upgraded one at a time."\n  type        = string\n  default     = "4.7.1" # controller v1.8.1\n}',
      },
    ]);
  });

  it('is set as a new key of an environment\'s .tfvars.json', () => {
    const session = new EditSession(cwd);
    const site = { path: 'infra/addons.tf', line: 3, value: 'v1.28.1-eksbuild.1', shared: {} };
    const qa = { name: 'qa', varFile: 'infra/env/qa.tfvars.json' };
    const first = session.set(site, 'v1.29.15-eksbuild.16', qa);
    expect('edits' in first && first.edits[2]).toEqual({ file: 'infra/env/qa.tfvars.json', line: 2, from: '  "environment": "qa"', to: '  "environment": "qa",\n  "kube_proxy_addon_version_2": "v1.29.15-eksbuild.16"' });
    expect(session.set(site, 'v1.30.14-eksbuild.28', qa)).toEqual({
      edits: [{ file: 'infra/env/qa.tfvars.json', line: 3, from: '  "kube_proxy_addon_version_2": "v1.29.15-eksbuild.16"', to: '  "kube_proxy_addon_version_2": "v1.30.14-eksbuild.28"' }],
    });
    expect(session.text('infra/env/qa.tfvars.json')).toEqual(['{', '  "environment": "qa",', '  "kube_proxy_addon_version_2": "v1.30.14-eksbuild.28"', '}', '']);
  });

  it('stays a shared edit when a terragrunt unit has no inputs block to set it in (test/plan-terragrunt.test.ts sets inputs)', () => {
    const session = new EditSession(cwd);
    const site = { path: 'infra/addons.tf', line: 3, value: 'v1.28.1-eksbuild.1', shared: {} };
    expect(session.set(site, 'v1.29.15-eksbuild.16', { name: 'ops', varFile: 'live/ops/terragrunt.hcl' })).toEqual({
      edits: [{ file: 'infra/addons.tf', line: 3, from: '  addon_version = "v1.28.1-eksbuild.1"', to: '  addon_version = "v1.29.15-eksbuild.16"' }],
      note: 'infra/addons.tf:3 is shared by every environment: this changes it for all of them',
    });
  });

  it('stays a shared edit, moved only forward, for an environment without a tfvars file of its own', () => {
    const session = new EditSession(cwd);
    const site = { path: 'infra/addons.tf', line: 3, value: 'v1.28.1-eksbuild.1', shared: {} };
    expect(session.set(site, 'v1.29.15-eksbuild.16', { name: 'infra' })).toEqual({
      edits: [{ file: 'infra/addons.tf', line: 3, from: '  addon_version = "v1.28.1-eksbuild.1"', to: '  addon_version = "v1.29.15-eksbuild.16"' }],
      note: 'infra/addons.tf:3 is shared by every environment: this changes it for all of them',
    });
  });
});

describe('trailing comments', () => {
  it('follow the value when they repeat it, and are left alone otherwise', () => {
    const session = new EditSession(cwd);
    expect(session.set({ path: 'eks/prod.tfvars', line: 1, value: '1.27' }, '1.28', { name: 'prod' })).toEqual({
      edits: [{ file: 'eks/prod.tfvars', line: 1, from: 'cluster_version = "1.27" # EKS 1.27, see PLAT-12', to: 'cluster_version = "1.28" # EKS 1.28, see PLAT-12' }],
    });
  });

  it('name the release a chart version ships when the step says which', () => {
    const session = new EditSession(cwd);
    expect(session.set({ path: 'charts/shop/Chart.yaml', line: 3, value: '4.7.1' }, '4.12.8', { name: 'shop' }, { from: '1.8.1', to: '1.12.8' })).toEqual({
      edits: [{ file: 'charts/shop/Chart.yaml', line: 3, from: '    version: 4.7.1 # controller v1.8.1', to: '    version: 4.12.8 # controller v1.12.8' }],
    });
  });

  it('start at a # or // outside quotes', () => {
    expect(splitComment('  url = "http://x/#a" # b')).toEqual({ code: '  url = "http://x/#a" ', comment: '# b' });
    expect(splitComment('  version = "1.2" // c')).toEqual({ code: '  version = "1.2" ', comment: '// c' });
    expect(splitComment('image: repo/app:1.2#x')).toEqual({ code: 'image: repo/app:1.2#x', comment: '' });
  });
});

describe('variable names for a promoted literal', () => {
  it('join the labels of the blocks and objects around the attribute', () => {
    const lines = ['module "eks" {', '  eks_managed_node_groups = {', '    general = {', '      ami_type = "AL2_x86_64"', '    }', '  }', '}'];
    expect(variableNameFor(lines, 4)).toBe('eks_eks_managed_node_groups_general_ami_type');
    expect(variableNameFor(['locals {', '  coredns_version = "v1.10.1" # {', '}'], 2)).toBe('coredns_version');
  });
});
