import { describe, expect, it } from 'vitest';
import { loadSnapshot } from './snapshot.js';

const DIR = 'test/fixtures/simulate';

describe('snapshot files', () => {
  it('loads a valid snapshot', () => {
    const snapshot = loadSnapshot(`${DIR}/small.json`);
    expect([snapshot.nodes.length, snapshot.pods.length, snapshot.pdbs[0]]).toEqual([3, 5, { namespace: 'shop', name: 'web', selector: { matchLabels: { app: 'web' } }, maxUnavailable: 1 }]);
  });

  it.each([
    ['no-such.json', 'snapshot test/fixtures/simulate/no-such.json cannot be read (ENOENT); check the --snapshot path'],
    ['truncated.json', 'snapshot test/fixtures/simulate/truncated.json is not valid JSON: '],
    ['bad-budget.json', 'snapshot test/fixtures/simulate/bad-budget.json: pdbs.0.minAvailable: '],
    ['stray-pod.json', 'snapshot test/fixtures/simulate/stray-pod.json: pods.0 (shop/web) is on node "b", which is not in nodes; add the node or drop the pod'],
  ])('rejects %s with the file and the place', (file, message) => {
    expect(() => loadSnapshot(`${DIR}/${file}`)).toThrow(message);
  });
});
