// One test per removal release: every built-in API removed in a release is reported as
// api-removed at that target and not before it. Fixtures hold one object per removed kind.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, runCheck } from '../src/index.js';

const DIR = 'test/fixtures/removals';
const knowledge = loadKnowledge();
const releases = readdirSync(DIR).map((file) => file.replace(/\.yaml$/, ''));

function previous(release: string): string {
  const [major, minor] = release.split('.').map(Number);
  return `${major}.${minor - 1}`;
}

describe.each(releases)('removals in %s', (release) => {
  const path = `${DIR}/${release}.yaml`;
  const expected = [...readFileSync(path, 'utf8').matchAll(/^# expect: (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);

  it('has fixtures for every knowledge row removed in this release', () => {
    const rows = knowledge.apis.rows.filter((row) => row.component === 'kubernetes' && row.removedIn === release);
    expect(expected.sort()).toEqual(rows.map((row) => `${row.group ? `${row.group}/` : ''}${row.version} ${row.kind}`).sort());
  });

  it(`reports each as api-removed at ${release}`, async () => {
    const report = await runCheck({ paths: [path], target: release, knowledge });
    // Readiness findings on the fixtures' workloads are not this test's concern.
    const apiFindings = report.findings.filter((f) => f.id.startsWith('api-'));
    expect(apiFindings.map((f) => `${f.id} ${f.resource?.apiVersion} ${f.resource?.kind}`).sort()).toEqual(
      expected.map((api) => `api-removed ${api}`).sort(),
    );
  });

  it(`reports none as removed at ${previous(release)}`, async () => {
    const report = await runCheck({ paths: [path], target: previous(release), knowledge });
    expect(report.findings.filter((f) => f.id === 'api-removed')).toEqual([]);
  });
});
