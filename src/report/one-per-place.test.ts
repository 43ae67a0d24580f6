import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/types.js';
import { oneFindingPerPlace } from './one-per-place.js';

const helmTf = (env: string) => ({ type: 'terraform' as const, path: 'infra/helm.tf', line: 4, address: 'helm_release.cluster_autoscaler', env });

function skew(env: string, current: string): Finding {
  return {
    id: 'kubelet-skew',
    severity: 'error',
    message: `node group ${env}/general runs ${current}`,
    origin: helmTf(env),
    details: { env, nodeGroup: 'general', version: current, target: '1.33' },
  };
}

describe('oneFindingPerPlace', () => {
  it('makes the copies of one problem at one place one finding, listing its environments, with what differs per environment', () => {
    const [merged, ...rest] = oneFindingPerPlace([skew('prod', '1.28'), skew('dev', '1.29'), skew('lab', '1.28')], (finding) => (finding.details?.version === '1.28' ? 0 : 1));
    expect(rest).toEqual([]);
    expect(merged).toEqual({
      id: 'kubelet-skew',
      severity: 'error',
      message: 'node group lab/general runs 1.28 (in lab; dev, prod differ: see details.byEnvironment)',
      origin: { type: 'terraform', path: 'infra/helm.tf', line: 4, address: 'helm_release.cluster_autoscaler' },
      environments: ['dev', 'lab', 'prod'],
      details: {
        nodeGroup: 'general',
        target: '1.33',
        byEnvironment: {
          dev: { version: '1.29', message: 'node group dev/general runs 1.29' },
          lab: { version: '1.28', message: 'node group lab/general runs 1.28' },
          prod: { version: '1.28', message: 'node group prod/general runs 1.28' },
        },
      },
    });
  });

  it('keeps the message when every environment says the same, and a finding of one environment as it is', () => {
    const same = (env: string): Finding => ({ id: 'ingress-nginx-retired', severity: 'warning', message: 'ingress-nginx is retired', origin: helmTf(env), details: { env, addon: 'ingress-nginx' } });
    const alone: Finding = { id: 'al2-nodes', severity: 'warning', message: 'AL2', origin: helmTf('prod') };
    expect(oneFindingPerPlace([same('a'), same('b'), alone])).toEqual([
      { id: 'ingress-nginx-retired', severity: 'warning', message: 'ingress-nginx is retired', origin: { type: 'terraform', path: 'infra/helm.tf', line: 4, address: 'helm_release.cluster_autoscaler' }, environments: ['a', 'b'], details: { addon: 'ingress-nginx' } },
      alone,
    ]);
  });

  it('takes degrees of one problem as one (support-ended in one environment, support-ending in another), the most severe speaking', () => {
    const support = (env: string, id: string, severity: Finding['severity']): Finding => ({ id, severity, message: `${env}: ${id}`, origin: helmTf(env) });
    const [merged] = oneFindingPerPlace([support('dev', 'support-ending', 'warning'), support('prod', 'support-ended', 'error')]);
    expect(merged).toMatchObject({ id: 'support-ended', severity: 'error', environments: ['dev', 'prod'] });
    expect(merged.details).toEqual({
      byEnvironment: {
        dev: { id: 'support-ending', severity: 'warning', message: 'dev: support-ending' },
        prod: { id: 'support-ended', severity: 'error', message: 'prod: support-ended' },
      },
    });
  });

  it('keeps apart what differs in resource or place', () => {
    const at = (line: number, name: string): Finding => ({ id: 'api-removed', severity: 'error', message: name, resource: { apiVersion: 'batch/v1beta1', kind: 'CronJob', name }, origin: { type: 'file', path: 'c/cronjob.yaml', line, column: 1, env: 'prod' } });
    expect(oneFindingPerPlace([at(4, 'a'), at(4, 'b'), at(9, 'a')])).toEqual([at(4, 'a'), at(4, 'b'), at(9, 'a')]);
  });

  it('keeps apart two problems one environment has at one place (two node groups of one cluster, two fields of one object)', () => {
    const group = (name: string): Finding => ({ id: 'kubelet-skew', severity: 'error', message: name, origin: { type: 'cluster', context: 'prod' }, details: { nodeGroup: name } });
    const field = (env: string, name: string): Finding => ({ id: 'field-deprecated', severity: 'warning', message: name, origin: helmTf(env), details: { field: name } });
    expect(oneFindingPerPlace([group('general'), group('legacy')])).toEqual([group('general'), group('legacy')]);
    const fields = oneFindingPerPlace([field('a', 'x'), field('a', 'y'), field('b', 'x'), field('b', 'y')]);
    expect(fields.map((finding) => [finding.details?.field, finding.environments])).toEqual([['x', ['a', 'b']], ['y', ['a', 'b']]]);
  });

  it('takes a base document as one place in every overlay, whatever name each overlay gives the object', () => {
    const overlay = (env: string): Finding => ({
      id: 'api-removed',
      severity: 'error',
      message: `HorizontalPodAutoscaler inventory/${env}-api uses autoscaling/v2beta2`,
      resource: { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', namespace: 'inventory', name: `${env}-api` },
      origin: { type: 'file', path: 'kustomize/base/hpa.yaml', line: 2, column: 1, kustomization: `kustomize/overlays/${env}`, env },
      details: { removedIn: '1.26' },
    });
    const [merged, ...rest] = oneFindingPerPlace([overlay('dev'), overlay('prod')]);
    expect(rest).toEqual([]);
    expect(merged.origin).toEqual({ type: 'file', path: 'kustomize/base/hpa.yaml', line: 2, column: 1 });
    expect(merged.environments).toEqual(['dev', 'prod']);
    expect(merged.details?.byEnvironment).toEqual({
      dev: { resource: overlay('dev').resource, kustomization: 'kustomize/overlays/dev', message: overlay('dev').message },
      prod: { resource: overlay('prod').resource, kustomization: 'kustomize/overlays/prod', message: overlay('prod').message },
    });
    expect(oneFindingPerPlace([merged, overlay('staging')])).toEqual(oneFindingPerPlace([overlay('dev'), overlay('prod'), overlay('staging')]));
  });

  it('gives the same finding when merged findings are merged again with more environments (upshift merge)', () => {
    const once = oneFindingPerPlace([skew('prod', '1.28'), skew('dev', '1.29')]);
    const again = oneFindingPerPlace([...once, skew('lab', '1.28')]);
    expect(again).toEqual(oneFindingPerPlace([skew('prod', '1.28'), skew('dev', '1.29'), skew('lab', '1.28')]));
  });
});
