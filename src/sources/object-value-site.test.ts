// Where a version is edited for an object kubectl kustomize built: in its source file when the
// build passes the value through, nowhere when a kustomization can rewrite fields.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { objectValueSite } from './object-value-site.js';

const root = mkdtempSync(join(tmpdir(), 'upshift-object-value-site-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

const OCI = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cert-manager\nspec:\n  url: oci://quay.io/jetstack/charts/cert-manager\n  ref:\n    tag: v1.16.2\n';
write('app/ocirepository.yaml', OCI);
write('app/kustomization.yaml', 'resources:\n  - ocirepository.yaml\nnamespace: cert-manager\nlabels:\n  - pairs: {team: platform}\n');
write('patched/ocirepository.yaml', OCI);
write('patched/kustomization.yaml', 'resources:\n  - ocirepository.yaml\npatches:\n  - path: tag.yaml\n');
write('base/ocirepository.yaml', OCI);
write('base/kustomization.yaml', 'resources:\n  - ocirepository.yaml\n');
write('overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\nnamespace: prod\n');
write('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\nreplacements: []\n');
// The overlay sets the tag in a patch of its own (flux2-kustomize-helm-example's staging sets its version so).
write('overlays/staging/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - path: tag.yaml\n    target: {kind: OCIRepository}\n  - path: labels.yaml\n');
write('overlays/staging/tag.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cert-manager\nspec:\n  ref:\n    tag: v1.17.0\n');
write('overlays/staging/labels.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cert-manager\n  labels: {tier: infra}\n');
const at = (path: string, kustomization?: string) => ({ type: 'file' as const, path, line: 1, column: 1, ...(kustomization ? { kustomization } : {}) });

describe('objectValueSite', () => {
  it('is the line of the object\'s own file, read as a file or built by a kustomization that only lists it', () => {
    expect(objectValueSite(at('app/ocirepository.yaml'), root, 'tag', 'v1.16.2')).toEqual({ path: 'app/ocirepository.yaml', line: 8, value: 'v1.16.2' });
    expect(objectValueSite(at('app/ocirepository.yaml', 'app'), root, 'tag', 'v1.16.2')).toEqual({ path: 'app/ocirepository.yaml', line: 8, value: 'v1.16.2' });
  });

  it('is shared by the overlays when the file is a base they build', () => {
    expect(objectValueSite(at('base/ocirepository.yaml', 'overlays/prod'), root, 'tag', 'v1.16.2')).toEqual({ path: 'base/ocirepository.yaml', line: 8, value: 'v1.16.2', shared: {} });
  });

  it('is the line of the overlay\'s own patch that sets the built value, when exactly one does', () => {
    expect(objectValueSite(at('base/ocirepository.yaml', 'overlays/staging'), root, 'tag', 'v1.17.0')).toEqual({ path: 'overlays/staging/tag.yaml', line: 7, value: 'v1.17.0' });
    // The base's value under a patching overlay: a patch may set it as well, so it is not located.
    expect(objectValueSite(at('base/ocirepository.yaml', 'overlays/staging'), root, 'tag', 'v1.16.2')).toBeUndefined();
  });

  it('is none when a kustomization may rewrite the value, when the file holds another value, or for a chart\'s template', () => {
    expect(objectValueSite(at('patched/ocirepository.yaml', 'patched'), root, 'tag', 'v1.16.2')).toBeUndefined();
    expect(objectValueSite(at('base/ocirepository.yaml', 'overlays/dev'), root, 'tag', 'v1.16.2')).toBeUndefined();
    expect(objectValueSite(at('app/ocirepository.yaml', 'app'), root, 'tag', 'v1.17.0')).toBeUndefined();
    expect(objectValueSite({ ...at('app/ocirepository.yaml'), chart: 'app' }, root, 'tag', 'v1.16.2')).toBeUndefined();
  });
});
