import { describe, expect, it } from 'vitest';
import { writtenApi } from './written-api.js';

const entry = (manager: string, apiVersion: string, time: string, subresource?: string) => ({ manager, operation: 'Update', apiVersion, time, ...(subresource ? { subresource } : {}) });
const lastApplied = (apiVersion: string) => ({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion, kind: 'Ingress' }) });

describe('writtenApi', () => {
  it('is never the version the object was listed with when a writer recorded another', () => {
    const object = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { managedFields: [entry('argocd-controller', 'extensions/v1beta1', '2021-01-01T00:00:00Z')] } };
    expect(writtenApi(object)).toEqual({ apiVersion: 'extensions/v1beta1', evidence: 'managedFields', manager: 'argocd-controller', time: '2021-01-01T00:00:00Z' });
  });

  it('lets a later server-side apply win over a stale last-applied annotation', () => {
    const object = {
      apiVersion: 'networking.k8s.io/v1',
      metadata: { annotations: lastApplied('extensions/v1beta1'), managedFields: [entry('kubectl-client-side-apply', 'extensions/v1beta1', '2020-05-01T00:00:00Z'), { ...entry('kubectl', 'networking.k8s.io/v1', '2024-03-01T00:00:00Z'), operation: 'Apply' }] },
    };
    expect(writtenApi(object).apiVersion).toBe('networking.k8s.io/v1');
  });

  it('ignores status writes and control-plane controllers', () => {
    const object = {
      apiVersion: 'autoscaling/v2',
      metadata: { managedFields: [entry('kubectl-client-side-apply', 'autoscaling/v2beta2', '2022-01-01T00:00:00Z'), entry('kube-controller-manager', 'autoscaling/v2', '2024-06-01T00:00:00Z'), entry('keda', 'autoscaling/v2', '2024-07-01T00:00:00Z', 'status')] },
    };
    expect(writtenApi(object).apiVersion).toBe('autoscaling/v2beta2');
  });

  it('falls back to the annotation for objects written before managedFields, then to the listed version', () => {
    expect(writtenApi({ apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { annotations: lastApplied('rbac.authorization.k8s.io/v1beta1') } })).toEqual({ apiVersion: 'rbac.authorization.k8s.io/v1beta1', evidence: 'last-applied-configuration' });
    expect(writtenApi({ apiVersion: 'v1', metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{not json' } } })).toEqual({ apiVersion: 'v1', evidence: 'listed' });
  });

  it('reads kapp\'s kapp.k14s.io/original annotation as a record of the written version, as kube-no-trouble does', () => {
    const original = (apiVersion: string) => ({ 'kapp.k14s.io/original': JSON.stringify({ apiVersion, kind: 'PodDisruptionBudget', metadata: { name: 'web' } }) });
    expect(writtenApi({ apiVersion: 'policy/v1', metadata: { annotations: original('policy/v1beta1') } })).toEqual({ apiVersion: 'policy/v1beta1', evidence: 'kapp-original' });
    // kapp's own managedFields entry dates the annotation; a later writer in another version wins over it.
    const kappThenHelm = { annotations: original('policy/v1beta1'), managedFields: [entry('kapp', 'policy/v1beta1', '2022-01-01T00:00:00Z'), entry('helm', 'policy/v1', '2024-01-01T00:00:00Z')] };
    expect(writtenApi({ apiVersion: 'policy/v1', metadata: kappThenHelm })).toEqual({ apiVersion: 'policy/v1', evidence: 'managedFields', manager: 'helm', time: '2024-01-01T00:00:00Z' });
    const kappLast = { annotations: original('policy/v1beta1'), managedFields: [entry('helm', 'policy/v1', '2021-01-01T00:00:00Z'), entry('kapp', 'policy/v1beta1', '2022-01-01T00:00:00Z')] };
    expect(writtenApi({ apiVersion: 'policy/v1', metadata: kappLast })).toEqual({ apiVersion: 'policy/v1beta1', evidence: 'kapp-original', time: '2022-01-01T00:00:00Z' });
  });
});
