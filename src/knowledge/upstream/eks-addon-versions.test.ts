import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addonVersionRows, recommendedLines, replaceRecommended } from './eks-addon-versions.js';

const read = (name: string) => ({ file: name, text: readFileSync(`test/fixtures/upstream/${name}`, 'utf8') });
const SOURCE = 'https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddonVersions.html';

describe('addonVersionRows', () => {
  it('takes the default and the newest version per add-on and Kubernetes version, across files', () => {
    expect(addonVersionRows([read('describe-addon-versions-coredns.json'), read('describe-addon-versions-vpc-cni-page.json')])).toEqual([
      { addon: 'coredns', kubernetes: '1.33', defaultVersion: 'v1.12.4-eksbuild.18', latestVersion: 'v1.12.4-eksbuild.18' },
      { addon: 'coredns', kubernetes: '1.32', defaultVersion: 'v1.11.4-eksbuild.9', latestVersion: 'v1.11.4-eksbuild.40' },
      { addon: 'coredns', kubernetes: '1.31', defaultVersion: 'v1.11.4-eksbuild.9', latestVersion: 'v1.11.4-eksbuild.40' },
      // A page with no default marked for a version says so rather than guessing.
      { addon: 'vpc-cni', kubernetes: '1.36', defaultVersion: null, latestVersion: 'v1.22.4-eksbuild.3' },
    ]);
  });

  it('names the file that is not describe-addon-versions output', () => {
    expect(() => addonVersionRows([{ file: 'coredns.json', text: '{"addons": [{"addonName": "coredns"}]}' }])).toThrow('coredns.json: not describe-addon-versions output: addons.0.addonVersions:');
    expect(() => addonVersionRows([{ file: 'coredns.json', text: 'An error occurred (AccessDeniedException)' }])).toThrow(/^coredns\.json: not JSON/);
  });
});

describe('replaceRecommended', () => {
  const file = `addons:
  - name: coredns
    compatibility: []
    recommended:
      - { kubernetes: "1.30", version: "v1.11.1-eksbuild.9", source: "https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html" }
    note: "kept"
`;

  it('rewrites only the recommended rows of the add-on file', () => {
    const rows = addonVersionRows([read('describe-addon-versions-coredns.json')]);
    expect(replaceRecommended(file, recommendedLines(rows, 'coredns'))).toBe(`addons:
  - name: coredns
    compatibility: []
    recommended:
      - { kubernetes: "1.33", version: "v1.12.4-eksbuild.18", source: "${SOURCE}" }
      - { kubernetes: "1.32", version: "v1.11.4-eksbuild.9", source: "${SOURCE}" }
      - { kubernetes: "1.31", version: "v1.11.4-eksbuild.9", source: "${SOURCE}" }
    note: "kept"
`);
    expect(replaceRecommended('addons:\n  - name: karpenter\n', [])).toBeUndefined();
  });
});
