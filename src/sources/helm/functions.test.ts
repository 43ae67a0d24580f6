// The renderer against helm itself: each chart under test/fixtures/charts/functions exercises
// one family of functions (or Go template semantics), and its .expected.yaml is what
// `helm template x CHART --kube-version 1.33.0` (helm 3.17.3) printed for it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
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

  const context = { include: () => '', renderText: () => '' };
  const call = (name: string, args: unknown[]) => FUNCTIONS.get(name)!(args, context) as { Cert: string; Key: string };
  const publicPem = (key: string) => createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' });

  it('signs natively: each certificate carries the public half of its own Key and verifies only with its issuer', () => {
    const ca = call('genCA', ['root', 10n]);
    const caCert = new X509Certificate(ca.Cert);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(caCert.checkPrivateKey(createPrivateKey(ca.Key))).toBe(true);
    expect(caCert.ca).toBe(true);
    const leaf = call('genSignedCert', ['api', null, ['api.svc', 'api.svc.cluster.local'], 1n, ca]);
    const leafCert = new X509Certificate(leaf.Cert);
    expect(leafCert.ca).toBe(false);
    expect(leafCert.checkIssued(caCert)).toBe(true);
    expect(leafCert.checkPrivateKey(createPrivateKey(leaf.Key))).toBe(true);
    expect(publicPem(leaf.Key)).not.toBe(publicPem(ca.Key));
    expect(leafCert.verify(leafCert.publicKey)).toBe(false);
    expect(leafCert.subjectAltName).toBe('DNS:api.svc, DNS:api.svc.cluster.local');
    expect(leafCert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    const days = (new Date(leafCert.validTo).getTime() - new Date(leafCert.validFrom).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(1);
    // A second certificate from the same CA verifies too (the CA is decoded once and reused).
    expect(new X509Certificate(call('genSignedCert', ['other', [], [], 1n, ca]).Cert).verify(caCert.publicKey)).toBe(true);
    // Keys come from a small pool, but a certificate never gets its issuer's key, whatever the order of calls.
    for (let round = 0; round < 5; round++) {
      if (round % 2) call('genSelfSignedCert', ['shift', [], [], 1n]);
      expect(publicPem(call('genSignedCert', [`leaf-${round}`, [], [], 1n, ca]).Key)).not.toBe(publicPem(ca.Key));
    }
    const stranger = new X509Certificate(call('genCA', ['stranger', 1n]).Cert);
    expect(leafCert.checkIssued(stranger)).toBe(false);
  });

  it('genSelfSignedCert signs with its own key; the WithKey variants use the key given, re-encoded as PKCS#1', () => {
    const self = call('genSelfSignedCert', ['self', ['192.168.0.1'], null, 5n]);
    const selfCert = new X509Certificate(self.Cert);
    expect(selfCert.verify(selfCert.publicKey)).toBe(true);
    expect(selfCert.ca).toBe(false);
    expect(selfCert.subjectAltName).toBe('IP Address:192.168.0.1');
    const given = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const ca = call('genCAWithKey', ['given-ca', 3n, given]);
    expect(new X509Certificate(ca.Cert).checkPrivateKey(createPrivateKey(given))).toBe(true);
    expect(ca.Key).toBe(createPrivateKey(given).export({ type: 'pkcs1', format: 'pem' }));
    const leaf = call('genSignedCertWithKey', ['leaf', [], ['leaf'], 3n, ca, given]);
    expect(new X509Certificate(leaf.Cert).verify(createPublicKey(given))).toBe(true);
    const selfWithKey = new X509Certificate(call('genSelfSignedCertWithKey', ['s', [], [], 3n, given]).Cert);
    expect(selfWithKey.checkPrivateKey(createPrivateKey(given))).toBe(true);
  });

  it('refuses keys it cannot sign with and addresses that are not IPs, as Sprig does', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    expect(() => call('genCAWithKey', ['x', 1n, ec])).toThrow(/unable to decode key: .*RSA keys only, not ec/);
    expect(() => call('genCAWithKey', ['x', 1n, 'not a key'])).toThrow(/^unable to decode key/);
    expect(() => call('genSelfSignedCert', ['x', ['not-an-ip'], [], 1n])).toThrow('error parsing ip: not-an-ip');
    expect(() => call('genSignedCert', ['x', [], [], 1n, { Cert: 'junk', Key: 'junk' }])).toThrow(/^error parsing CA certificate/);
  });
});
