// The renderer against helm itself: each chart under test/fixtures/charts/functions exercises
// one family of functions (or Go template semantics), and its .expected.yaml is what
// `helm template x CHART --kube-version 1.33.0` (helm 3.17.3) printed for it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.js';
import { capabilitiesFor } from './capabilities.js';
import { loadChartDirectory } from './chart.js';
import { renderChart } from './render.js';
import { FUNCTIONS } from './functions/index.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/charts/functions');
const families = readdirSync(FIXTURES).filter((entry) => statSync(join(FIXTURES, entry)).isDirectory());
const capabilities = capabilitiesFor(loadKnowledge(), '1.33');

/** The head of helm's install order, enough for these charts: helm prints documents sorted by kind, stably. */
const KIND_ORDER = ['Namespace', 'ServiceAccount', 'Secret', 'ConfigMap'];

/** The chart rendered by upshift, printed as helm template prints it: documents trimmed, sorted by kind. */
function template(family: string): string {
  const chart = loadChartDirectory(join(FIXTURES, family), FIXTURES);
  const { templates } = renderChart(chart, {}, capabilities, { name: 'x', namespace: 'default' });
  const documents = templates.flatMap((rendered) =>
    rendered.text
      .split(/(?:^|\s*\n)---\s*/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ source: `${family}/${rendered.file.path}`, text, kind: /^kind: (\S+)$/m.exec(text)?.[1] ?? '' })),
  );
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  documents.sort((a, b) => rank(a.kind) - rank(b.kind));
  return documents.map((document) => `---\n# Source: ${document.source}\n${document.text}\n`).join('');
}

describe('function families render as helm 3.17 renders them', () => {
  it.each(families)('%s', (family) => {
    expect(template(family)).toBe(readFileSync(join(FIXTURES, `${family}.expected.yaml`), 'utf8'));
  });
});

describe('generated material is well formed', () => {
  it('genCA and genSignedCert give X.509 certificates that node:crypto reads, the second signed by the first', () => {
    const genCA = FUNCTIONS.get('genCA')!;
    const genSignedCert = FUNCTIONS.get('genSignedCert')!;
    const context = { include: () => '', renderText: () => '' };
    const ca = genCA(['upshift-ca', 365n], context) as { Cert: string; Key: string };
    const leaf = genSignedCert(['svc', ['10.0.0.1'], ['svc.ns.svc'], 30n, ca], context) as { Cert: string; Key: string };
    const caCert = new X509Certificate(ca.Cert);
    const leafCert = new X509Certificate(leaf.Cert);
    expect(caCert.subject).toBe('CN=upshift-ca');
    expect(caCert.ca).toBe(true);
    expect(leafCert.issuer).toBe('CN=upshift-ca');
    expect(leafCert.subjectAltName).toBe('DNS:svc.ns.svc, IP Address:10.0.0.1');
    expect(leafCert.verify(caCert.publicKey)).toBe(true);
    expect(leaf.Key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  });
});
