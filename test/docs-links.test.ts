// The README is the front door: every link it and docs/ hold leads to a file in the repository
// or to a heading of the page, never to a file that only exists elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = ['README.md', 'docs/CLI.md', 'docs/CHECKS.md'];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('links of the README and docs/', () => {
  it.each(PAGES)('%s links only to files in the repository and to its own headings', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => anchorOf(match[1])));
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^https?:/.test(target));
    const broken = targets.filter((target) => (target.startsWith('#') ? !anchors.has(target.slice(1)) : !existsSync(join(ROOT, dirname(page), target.split('#')[0]))));
    expect(broken).toEqual([]);
  });

  it('names the contract and the catalog by their place in the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('[docs/CLI.md](docs/CLI.md)');
    expect(readme).toContain('[docs/CHECKS.md](docs/CHECKS.md)');
    expect(readme.match(/(?<!docs\/)\b(CLI|CHECKS)\.md/g)).toEqual(null);
  });
});
