// Kustomize overlays found in PATHs are built with kubectl and reported at the base files
// that hold the objects; the files an overlay owns are not scanned on their own.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/run-check.js';
import { kubectlReason } from '../src/sources/kustomize.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { runUpshift } from './support/run-upshift.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KUSTOMIZE = 'examples/estate/kustomize';

/** A Deployment of one nginx container, labelled app: NAME. */
const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;

/** Runs `test` in a new directory, with a function that writes files under it (making their folders), and removes it after. */
async function inEstate(test: (work: string, write: (path: string, text: string) => void) => Promise<void>): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'upshift-kustomize-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  };
  try {
    await test(work, write);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('kustomize', () => {
  it('builds each overlay once and traces objects to the base file: one finding there, with each overlay\'s object and kustomization', async () => {
    const report = await runCheck({ paths: [KUSTOMIZE], target: '1.33', cwd: ROOT, knowledge: loadKnowledge(), only: ['api-removed', 'api-deprecated'] });
    const message = (name: string) => `HorizontalPodAutoscaler inventory/${name} uses autoscaling/v2beta2, removed in 1.26; use autoscaling/v2 (served since 1.23)`;
    expect(report.findings.map((finding) => [finding.message, finding.origin, finding.environments])).toEqual([
      [`${message('dev-inventory-api')} (in dev; production differs: see details.byEnvironment)`, { type: 'file', path: `${KUSTOMIZE}/base/hpa.yaml`, line: 2, column: 1 }, ['dev', 'production']],
    ]);
    const hpa = (name: string) => ({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', namespace: 'inventory', name });
    expect(report.findings[0].details?.byEnvironment).toEqual({
      dev: { resource: hpa('dev-inventory-api'), kustomization: `${KUSTOMIZE}/overlays/dev`, message: message('dev-inventory-api') },
      production: { resource: hpa('prod-inventory-api'), kustomization: `${KUSTOMIZE}/overlays/production`, message: message('prod-inventory-api') },
    });
  });

  it('without kubectl, says so for each overlay and scans the files one by one', async () => {
    const run = await runUpshift(['check', KUSTOMIZE, '--target', '1.33', '--checks', 'api-removed', '-o', 'json'], { env: { PATH: '' } });
    expect([run.code, run.stderr]).toEqual([3, '']);
    expect(JSON.parse(run.stdout).findings.map((finding: { id: string; message: string }) => [finding.id, finding.message])).toEqual([
      ['api-removed', 'HorizontalPodAutoscaler inventory-api uses autoscaling/v2beta2, removed in 1.26; use autoscaling/v2 (served since 1.23)'],
      ...['dev', 'production'].map((overlay) => [
        'input-invalid',
        `${KUSTOMIZE}/overlays/${overlay}/kustomization.yaml: kubectl is not on PATH, so this kustomization was not built and its files were scanned one by one; install kubectl to scan what the overlay applies`,
      ]),
    ]);
  });

  it('names overlays in folders of the same name by their path from the folder holding them all, so their findings merge', async () => {
    await inEstate(async (work, write) => {
      write('base/kustomization.yaml', 'resources:\n  - web.yaml\n');
      write('base/web.yaml', deployment('web', 1));
      write('install/kustomization.yaml', 'resources:\n  - ../base\n');
      write('ha/install/kustomization.yaml', 'resources:\n  - ../../base\n');
      write('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n');
      const report = await runCheck({ paths: [work], target: '1.33', cwd: work, knowledge: loadKnowledge(), only: ['single-replica'] });
      expect(report.findings.map((finding) => [finding.id, finding.origin, finding.environments])).toEqual([
        ['single-replica', { type: 'file', path: 'base/web.yaml', line: 1, column: 1 }, ['dev', 'ha/install', 'install']],
      ]);
    });
  });

  // GoogleCloudPlatform/microservices-demo keeps its optional features as Components that its
  // kustomization.yaml lists only once switched on; built alone, five of them failed.
  it('builds a Component only within the kustomizations that list it, and scans an unlisted one\'s new objects, not its patches', async () => {
    await inEstate(async (work, write) => {
      write('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.yaml\ncomponents:\n  - components/scaled\n');
      write('web.yaml', deployment('web', 1));
      write('components/scaled/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: replicas.yaml\n');
      write('components/scaled/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n');
      write('components/cache/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cache.yaml\npatches:\n  - path: web-env.yaml\n');
      write('components/cache/cache.yaml', deployment('cache', 1));
      write('components/cache/web-env.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env: [{name: CACHE, value: cache}]\n');
      const report = await runCheck({ paths: [work], target: '1.33', cwd: work, knowledge: loadKnowledge(), only: ['single-replica', 'input-invalid'] });
      // web runs 3 replicas once the listed component is applied; the unlisted one's cache is still read, its patch is not an object.
      expect(report.findings.map((finding) => [finding.id, finding.resource?.name, finding.origin])).toEqual([
        ['single-replica', 'cache', { type: 'file', path: 'components/cache/cache.yaml', line: 1, column: 1 }],
      ]);
    });
  });

  it("runs kubectl with Go's garbage collector set to GOGC=400, or to the user's GOGC", async () => {
    await inEstate(async (work, write) => {
      // (A namespace to set: an overlay that only lists its files is read without kubectl.)
      write('overlays/dev/kustomization.yaml', 'namespace: dev\nresources:\n  - web.yaml\n');
      write('overlays/dev/web.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
      // A kubectl that builds every kustomization into one Deployment named after its GOGC.
      write(
        'bin/kubectl',
        `#!${process.execPath}\nif (process.argv[2] === 'kustomize') process.stdout.write('apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: gogc-' + process.env.GOGC + '\\nspec:\\n  replicas: 1\\n  template:\\n    spec:\\n      containers:\\n        - name: app\\n          image: app:1\\n');\n`,
      );
      chmodSync(join(work, 'bin/kubectl'), 0o755);
      const names = async (env: NodeJS.ProcessEnv) => {
        const run = await runUpshift(['check', '.', '--target', '1.33', '--checks', 'single-replica', '-o', 'json'], { cwd: work, env: { PATH: join(work, 'bin') + delimiter + process.env.PATH, ...env } });
        expect(run.stderr).toBe('');
        return JSON.parse(run.stdout).findings.map((finding: { resource: { name: string } }) => finding.resource.name);
      };
      expect(await names({})).toEqual(['gogc-400']);
      expect(await names({ GOGC: '50' })).toEqual(['gogc-50']);
    });
  });

  it('starts kubectl before the files are read, and ends it when the scan fails before its turn', async () => {
    await inEstate(async (work, write) => {
      write('overlays/dev/kustomization.yaml', 'namePrefix: dev-\nresources:\n  - web.yaml\n');
      write('overlays/dev/web.yaml', deployment('web', 1));
      write('api.yaml', deployment('api', 1));
      // A kubectl that says it has started, then takes a minute.
      const pidFile = join(work, 'kubectl.pid');
      write('bin/kubectl', `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetTimeout(() => {}, 60_000);\n`);
      chmodSync(join(work, 'bin/kubectl'), 0o755);
      const path = process.env.PATH;
      process.env.PATH = join(work, 'bin') + delimiter + path;
      try {
        // The caller gives up on the first file read, once kubectl runs (it started when the files were listed).
        const giveUp = () => {
          const waited = new Int32Array(new SharedArrayBuffer(4));
          for (let tries = 0; tries < 200 && !existsSync(pidFile); tries++) Atomics.wait(waited, 0, 0, 25);
          throw new Error('given up by the caller');
        };
        await expect(runCheck({ paths: ['.'], cwd: work, target: '1.33', knowledge: loadKnowledge(), onProgress: giveUp })).rejects.toThrow('given up by the caller');
        const pid = Number(readFileSync(pidFile, 'utf8'));
        const running = () => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        };
        for (let tries = 0; tries < 100 && running(); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(running()).toBe(false);
      } finally {
        process.env.PATH = path;
      }
    });
  });

  it('reads an overlay that only lists its files, and folders that do the same, from the files: no kubectl process', async () => {
    await inEstate(async (work, write) => {
      write('base/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - hpa.yaml\n');
      write('base/hpa.yaml', 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 3\n');
      write('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n  - web.yaml\n');
      write('overlays/dev/web.yaml', `# the app\n${deployment('web', 1)}`);
      // A kubectl that leaves a mark when it is asked to build anything.
      write('bin/kubectl', `#!${process.execPath}\nif (process.argv[2] === 'kustomize') require('node:fs').writeFileSync(${JSON.stringify(join(work, 'built'))}, '');\n`);
      chmodSync(join(work, 'bin/kubectl'), 0o755);
      const check = () => runUpshift(['check', '.', '--target', '1.33', '--checks', 'api-removed,single-replica', '-o', 'json'], { cwd: work, env: { PATH: join(work, 'bin') + delimiter + process.env.PATH } });
      const run = await check();
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).findings.map((finding: { id: string; origin: unknown }) => [finding.id, finding.origin])).toEqual([
        ['api-removed', { type: 'file', path: 'base/hpa.yaml', line: 1, column: 1, kustomization: 'overlays/dev', env: 'dev' }],
        ['single-replica', { type: 'file', path: 'overlays/dev/web.yaml', line: 2, column: 1, kustomization: 'overlays/dev', env: 'dev' }],
      ]);
      expect(existsSync(join(work, 'built'))).toBe(false);
      // Anything more than a list (a prefix to add), or a document kustomize would refuse (no name), goes to kubectl.
      write('overlays/dev/kustomization.yaml', 'namePrefix: dev-\nresources:\n  - ../../base\n  - web.yaml\n');
      await check();
      expect(existsSync(join(work, 'built'))).toBe(true);
      rmSync(join(work, 'built'));
      write('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n  - web.yaml\n');
      write('base/hpa.yaml', 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1\n');
      await check();
      expect(existsSync(join(work, 'built'))).toBe(true);
    });
  });

  it('reports an overlay kubectl cannot build with what kubectl says, the same in every run', async () => {
    await inEstate(async (work, write) => {
      mkdirSync(join(work, 'overlays', 'dev'), { recursive: true });
      writeFileSync(join(work, 'overlays', 'dev', 'kustomization.yaml'), 'resources:\n  - ../../missing\n');
      const messages = async () => (await runCheck({ paths: [work], target: '1.33', cwd: work, knowledge: loadKnowledge() })).findings.map((finding) => [finding.id, finding.message]);
      const first = await messages();
      expect(first).toHaveLength(1);
      expect(first[0][0]).toBe('input-invalid');
      // kubectl's own words, without klog's time and process id, the paths under the working directory relative.
      expect(first[0][1]).toMatch(/^overlays\/dev\/kustomization\.yaml: kubectl kustomize overlays\/dev failed: accumulating resources: .*'missing'.*; fix the kustomization \(its files were not scanned\)$/);
      expect(first[0][1]).not.toContain(work);
      expect(await messages()).toEqual(first);
    });
  });
});

describe('kubectlReason', () => {
  it('keeps what kubectl says went wrong, without the klog header and the "command failed" wrapper', () => {
    expect(kubectlReason('E1207 03:02:52.010577   19500 run.go:72] "command failed" err="accumulating resources: \\"x\\" is not a file: /work/estate/base/x.yaml"', '/work/estate')).toBe(
      'accumulating resources: "x" is not a file: base/x.yaml',
    );
    expect(kubectlReason('Error: no such file', '/work/estate')).toBe('Error: no such file');
    expect(kubectlReason('Error: /work/estate/x.yaml: no such file', '/')).toBe('Error: /work/estate/x.yaml: no such file');
  });

  // kubectl 1.32 with a remote base it cannot fetch (argoproj/argo-cd's applicationset examples,
  // on a machine without network): the reason spans lines, so only ` >` was left of it before.
  it('reads an error klog wrote over several lines', () => {
    const stderr = [
      'E1207 06:00:00.704365    2540 run.go:72] "command failed" err=<',
      "\taccumulating resources: accumulation err='accumulating resources from 'https://example.com/install.yaml': no such host': failed to run '/usr/bin/git fetch --depth=1 https://example.com/repo HEAD': fatal: unable to access /work/estate/overlay",
      '\t: exit status 128',
      ' >',
      '',
    ].join('\n');
    expect(kubectlReason(stderr, '/work/estate')).toBe(
      "accumulating resources: accumulation err='accumulating resources from 'https://example.com/install.yaml': no such host': failed to run '/usr/bin/git fetch --depth=1 https://example.com/repo HEAD': fatal: unable to access overlay : exit status 128",
    );
  });
});
