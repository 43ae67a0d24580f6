// .Capabilities.APIVersions holds what each target serves by default, no more: nothing removed
// by then, nothing introduced after it, no alpha, no beta the API server leaves off.
import { describe, expect, it } from 'vitest';
import { compareKubeVersions } from '../../core/kube-version.js';
import { apiVersionOf } from '../../knowledge/apis.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { capabilitiesFor, servedApiVersions } from './capabilities.js';
import { execute } from './execute.js';
import { FUNCTIONS } from './functions/index.js';
import { Output } from './output.js';
import { parseTemplate } from './parser.js';

const knowledge = loadKnowledge();
const targets = [...new Set([...knowledge.eks.versions, ...knowledge.kubernetes.versions].map((row) => row.version))].sort(compareKubeVersions);

const isGroupVersion = (entry: string) => entry === 'v1' || /^[^/]+\/v\d+((alpha|beta)\d+)?$/.test(entry);

function render(template: string, target: string): string {
  const body = parseTemplate(template, 't.yaml', (name) => FUNCTIONS.has(name)).body;
  const output = new Output(false);
  execute({ templates: new Map(), functions: FUNCTIONS, parse: () => [] }, body, 't.yaml', { Capabilities: capabilitiesFor(knowledge, target) }, output);
  return output.toString();
}

describe('.Capabilities.APIVersions', () => {
  it('knows targets from 1.2x on', () => {
    expect(targets.length).toBeGreaterThan(8);
  });

  it.each(targets)('at %s holds no API removed by then, none introduced after it, and no alpha or default-off beta', (target) => {
    const served = new Set(servedApiVersions(knowledge, target));
    for (const row of knowledge.apis.rows) {
      if (row.component !== 'kubernetes' || row.removedIn === null || compareKubeVersions(row.removedIn, target) > 0) continue;
      expect(served.has(`${apiVersionOf(row)}/${row.kind}`), `${apiVersionOf(row)}/${row.kind} removed in ${row.removedIn}`).toBe(false);
    }
    for (const row of knowledge.servedApis) {
      const entry = `${apiVersionOf(row)}/${row.kind}`;
      if (compareKubeVersions(row.introducedIn, target) > 0 || !row.defaultOn) expect(served.has(entry), entry).toBe(false);
    }
    for (const entry of served) expect(entry).not.toMatch(/alpha/);
    // Every group/version listed serves at least one kind listed.
    for (const entry of [...served].filter(isGroupVersion)) {
      expect([...served].some((other) => other.startsWith(`${entry}/`)), entry).toBe(true);
    }
    expect(served.has('v1')).toBe(true);
    expect(served.has('v1/Pod')).toBe(true);
    expect(served.has('apps/v1/Deployment')).toBe(true);
  });

  it('at 1.33 lists what the API server serves by default, and none of the APIs it removed or leaves off', () => {
    const served = servedApiVersions(knowledge, '1.33');
    expect(served.filter(isGroupVersion)).toEqual([
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
      'apps/v1',
      'authentication.k8s.io/v1',
      'authorization.k8s.io/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'batch/v1',
      'certificates.k8s.io/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'events.k8s.io/v1',
      'flowcontrol.apiserver.k8s.io/v1',
      'networking.k8s.io/v1',
      'node.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ]);
    for (const gone of [
      'policy/v1beta1/PodSecurityPolicy',
      'flowcontrol.apiserver.k8s.io/v1beta2',
      'flowcontrol.apiserver.k8s.io/v1beta3',
      'storage.k8s.io/v1beta1/CSIStorageCapacity',
      'storagemigration.k8s.io/v1',
      'resource.k8s.io/v1beta1',
      'networking.k8s.io/v1beta1/IPAddress',
    ]) {
      expect(served, gone).not.toContain(gone);
    }
    expect(served).toContain('networking.k8s.io/v1/ServiceCIDR');
    expect(served).toContain('admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy');
    expect(served).not.toContain('resource.k8s.io/v1/ResourceClaim');
  });

  it('answers every call with a list of its own: a chart adding --api-versions to it changes no other chart', () => {
    const first = servedApiVersions(knowledge, '1.33');
    const unchanged = [...first];
    first.push('example.com/v1');
    expect(servedApiVersions(knowledge, '1.33')).toEqual(unchanged);
    expect(capabilitiesFor(knowledge, '1.33', ['example.com/v1']).APIVersions.Has('example.com/v1')).toBe(true);
    expect(capabilitiesFor(knowledge, '1.33').APIVersions.Has('example.com/v1')).toBe(false);
  });

  it('keeps flowcontrol v1beta3 while 1.29 to 1.31 serve it by default, and drops it at 1.32', () => {
    expect(servedApiVersions(knowledge, '1.31')).toContain('flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema');
    expect(servedApiVersions(knowledge, '1.32')).not.toContain('flowcontrol.apiserver.k8s.io/v1beta3');
  });

  it('ranges like a list, answers Has, and prints as Go prints a slice', () => {
    const template = '{{ range .Capabilities.APIVersions }}{{ if hasPrefix "policy/" . }}{{ . }};{{ end }}{{ end }}|{{ .Capabilities.APIVersions.Has "policy/v1" }} {{ .Capabilities.APIVersions.Has "policy/v1beta1" }}|{{ len .Capabilities.APIVersions | ne 0 }}';
    expect(render(template, '1.33')).toBe('policy/v1;policy/v1/Eviction;policy/v1/PodDisruptionBudget;|true false|true');
    expect(render(template, '1.24')).toBe(
      'policy/v1;policy/v1/Eviction;policy/v1/PodDisruptionBudget;policy/v1beta1;policy/v1beta1/Eviction;policy/v1beta1/PodDisruptionBudget;policy/v1beta1/PodSecurityPolicy;|true true|true',
    );
    expect(render('{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.HelmVersion.Version }}', '1.33')).toBe('v1.33.0 1.33 v3.17.3');
    expect(capabilitiesFor(knowledge, '1.33', ['monitoring.coreos.com/v1']).APIVersions.Has('monitoring.coreos.com/v1')).toBe(true);
  });
});
