import { describe, expect, it } from 'vitest';
import { defaultTarget, supportCalendar } from './calendar.js';
import { apiRowKey, KnowledgeError, loadKnowledge } from './load.js';

const knowledge = loadKnowledge();

describe('bundled knowledge', () => {
  it('validates and has one row per component/group/version/kind', () => {
    const keys = knowledge.apis.rows.map(apiRowKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(knowledge.date).toBe('2026-11-01');
  });

  it('knows the classic removals exactly', () => {
    expect(knowledge.apis.lookup('extensions/v1beta1', 'Ingress')).toMatchObject({
      deprecatedIn: '1.14',
      removedIn: '1.22',
      replacement: 'networking.k8s.io/v1',
      replacementAvailableIn: '1.19',
      source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122',
    });
    expect(knowledge.apis.lookup('policy/v1beta1', 'PodSecurityPolicy')).toMatchObject({ removedIn: '1.25', replacement: null });
    expect(knowledge.apis.lookup('batch/v1beta1', 'CronJob')).toMatchObject({ removedIn: '1.25', replacement: 'batch/v1' });
    expect(knowledge.apis.lookup('apps/v1', 'Deployment')).toBeUndefined();
  });

  it('keys ecosystem CRD versions by the component', () => {
    expect(knowledge.apis.lookup('cert-manager.io/v1alpha2', 'Certificate')).toMatchObject({ component: 'cert-manager', replacement: 'cert-manager.io/v1' });
  });

  it('matches the EKS calendar of the reference table', () => {
    const row = knowledge.eks.versions.find((version) => version.version === '1.31');
    expect(row).toMatchObject({ releaseDate: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' });
  });

  it('places each version on the calendar of a given day', () => {
    const calendar = supportCalendar(knowledge, 'eks', '2026-11-21');
    expect(calendar.find((entry) => entry.version === '1.31')).toMatchObject({ status: 'extended', daysLeft: 5 });
    expect(calendar.find((entry) => entry.version === '1.34')).toMatchObject({ status: 'standard', daysLeft: 11 });
    expect(calendar.find((entry) => entry.version === '1.30')).toMatchObject({ status: 'ended', daysLeft: null });
  });

  it('aims by default at the newest version in standard support', () => {
    expect(defaultTarget(knowledge, 'eks', '2025-06-01')).toBe('1.33');
    expect(defaultTarget(knowledge, 'eks', '2025-12-01')).toBe('1.34');
  });
});

describe('--data files', () => {
  it('adds rows and replaces bundled ones with the same key', () => {
    const extended = loadKnowledge(['test/fixtures/cli/extra-data.yaml']);
    expect(extended.apis.rows.length).toBe(knowledge.apis.rows.length + 1);
    expect(extended.apis.lookup('platform.acme.io/v1alpha1', 'FeatureFlag')).toMatchObject({ removedIn: '1.33' });
  });

  it('names the file and row of an invalid row', () => {
    expect(() => loadKnowledge(['test/fixtures/cli/bad-data.yaml'])).toThrow(KnowledgeError);
    expect(() => loadKnowledge(['test/fixtures/cli/bad-data.yaml'])).toThrow(
      'knowledge file test/fixtures/cli/bad-data.yaml: apis[0] (example.com/v1beta1 Widget): deprecatedIn: expected a quoted "MAJOR.MINOR" version such as "1.22"',
    );
  });

  it('says when a --data file is missing', () => {
    expect(() => loadKnowledge(['no/such.yaml'])).toThrow('knowledge file no/such.yaml cannot be read (ENOENT); check the --data path');
  });
});
