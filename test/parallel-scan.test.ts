// The parallel scan (sources/manifest-files.ts): files read on worker threads must give the
// report, byte for byte, that reading them on one thread gives, bad files included. Runs the
// built library, as worker threads need the transpiled worker script.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/run-upshift.js';
import type { BatchReply } from '../src/sources/file-result-handover.js';

const { runScan } = (await import(join(ROOT, 'dist/index.js'))) as typeof import('../src/index.js');
const { workerCount, readFileResult, startReading } = (await import(join(ROOT, 'dist/sources/manifest-files.js'))) as typeof import('../src/sources/manifest-files.js');
const { resultsOf, encodeBatch, compactOrigins } = (await import(join(ROOT, 'dist/sources/file-result-handover.js'))) as typeof import('../src/sources/file-result-handover.js');

const temp = mkdtempSync(join(tmpdir(), 'upshift-parallel-scan-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The report and kept inventory of a scan read by `workers` threads, as JSON. */
async function scanned(paths: string[], workers: number, current?: string): Promise<string> {
  const { report, inventory } = await runScan({ paths, target: '1.33', current, workers, cwd: ROOT, now: new Date('2026-11-21') });
  return JSON.stringify({ report, inventory });
}

describe('reading files on worker threads', () => {
  it.each([
    ['the example estate', ['examples/estate'], undefined],
    ['the example estate with --current', ['examples/estate'], '1.29'],
    ['the readiness fixtures', ['test/fixtures/readiness'], '1.32'],
    ['the CLI fixtures, a broken file among them', ['test/fixtures/cli'], '1.32'],
  ])('gives %s the report one thread gives', async (_name, paths, current) => {
    const single = await scanned(paths, 0, current);
    expect(JSON.parse(single).report.findings.length).toBeGreaterThan(0);
    expect(await scanned(paths, 1, current)).toBe(single);
    expect(await scanned(paths, 3, current)).toBe(single);
  });

  it('gives, through the package entry (the bundle, scripts/bundle.js), the report the compiled modules give', async () => {
    const bundled = (await import(join(ROOT, 'dist/bundle/index.js'))) as typeof import('../src/index.js');
    const options = { paths: ['examples/estate'], target: '1.33', cwd: ROOT, now: new Date('2026-11-21') };
    const expected = JSON.stringify((await runScan({ ...options, workers: 0 })).report);
    expect(JSON.stringify((await bundled.runScan({ ...options, workers: 0 })).report)).toBe(expected);
    expect(JSON.stringify((await bundled.runScan({ ...options, workers: 2 })).report)).toBe(expected);
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(await import(join(ROOT, 'dist/index.js'))).sort());
  });

  it('reports every bad file at its place and reads the good ones after it, in file order', async () => {
    const root = join(temp, 'estate');
    // More files than one batch, so that the bad ones fall into different workers' batches.
    for (let i = 0; i < 150; i++) {
      mkdirSync(join(root, `svc-${String(i).padStart(3, '0')}`), { recursive: true });
      writeFileSync(join(root, `svc-${String(i).padStart(3, '0')}`, 'ingress.yaml'), `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web-${i}\n`);
    }
    writeFileSync(join(root, 'svc-010', 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(join(root, 'svc-070', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n');
    writeFileSync(join(root, 'svc-140', 'latin1.yaml'), Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'));
    const single = await scanned([root], 0);
    expect(await scanned([root], 2)).toBe(single);
    const findings = JSON.parse(single).report.findings as { id: string; message: string }[];
    expect(findings.filter((finding) => finding.id === 'api-removed')).toHaveLength(150);
    expect(findings.filter((finding) => finding.id === 'input-invalid').map((finding) => finding.message.replace(root, 'ROOT'))).toEqual([
      'ROOT/svc-010/binary.yaml: binary content (NUL bytes), not a YAML or JSON manifest; exclude it with --exclude',
      'ROOT/svc-070/broken.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax (kubectl would reject this file too)',
      'ROOT/svc-140/latin1.yaml: not valid UTF-8 text; save it as UTF-8 or exclude it with --exclude',
    ]);
  });

  // The library's worker script and the command line's bundled one (scripts/bundle.js).
  it.each(['dist/sources/manifest-file-worker.js', 'dist/bundle/manifest-file-worker.js'])('hands over values JSON cannot carry (.nan, .inf, -0, a timestamp) as they were read, from a worker (%s) or read ahead here', async (script) => {
    const root = join(temp, script.replaceAll('/', '-'));
    mkdirSync(root);
    const file = (name: string, value: string) => {
      writeFileSync(join(root, name), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\nspec:\n  value: ${value}\n`);
      return join(root, name);
    };
    const plain = [file('a.yaml', '1'), file('b.yaml', 'text')];
    const odd = [file('nan.yaml', '.nan'), file('inf.yaml', '-.inf'), file('zero.yaml', '-0'), file('date.yaml', '2001-12-14t21:59:43.10-05:00')];
    const options = { cwd: root, objectKinds: new Set(['ConfigMap']) };
    // The worker itself, sent one batch at a time, as the scan sends them (sources/manifest-files.ts).
    const claims = new Int32Array(new SharedArrayBuffer(4 * 8));
    const posted = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(join(ROOT, script), { workerData: { ...options, claims, posted, replies: port2 }, transferList: [port2] });
    const replies: BatchReply[] = [];
    const reply = () => new Promise<void>((done) => port1.once('message', (message: BatchReply) => done(void replies.push(message))));
    try {
      for (const [batch, files] of [plain, ...odd.map((one) => [one])].entries()) {
        worker.postMessage({ batch, files });
        await reply();
      }
    } finally {
      await worker.terminate();
      port1.close();
    }
    // Each reply counted once it is posted: what the scan's thread waits on (sources/manifest-files.ts).
    expect(Atomics.load(posted, 0)).toBe(5);
    expect(replies.map((message) => ('json' in message ? 'json' : 'serialized'))).toStrictEqual(['json', 'serialized', 'serialized', 'serialized', 'serialized']);
    const read = replies.flatMap((message, batch) => resultsOf(message, (batch === 0 ? plain : [odd[batch - 1]]).map((one) => relative(root, one))));
    const values = read.map((result) => (result.resources[0].object as { spec: { value: unknown } }).spec.value);
    expect(values.slice(0, 5)).toStrictEqual([1, 'text', Number.NaN, Number.NEGATIVE_INFINITY, -0]);
    expect(values[5]).toBeInstanceOf(Date);
    expect(read).toStrictEqual([...plain, ...odd].map((one) => readFileResult(one, options)));
    // The same holds for a batch this thread reads ahead of its turn and keeps encoded until then.
    const all = [...plain, ...odd];
    const kept = [encodeBatch(0, plain.map((one) => compactOrigins(readFileResult(one, options), relative(root, one)))), encodeBatch(1, all.map((one) => compactOrigins(readFileResult(one, options), relative(root, one))))];
    expect(kept.map((one) => ('json' in one ? 'json' : 'serialized'))).toStrictEqual(['json', 'serialized']);
    expect(resultsOf(kept[0], plain.map((one) => relative(root, one)))).toStrictEqual(plain.map((one) => readFileResult(one, options)));
    expect(resultsOf(kept[1], all.map((one) => relative(root, one)))).toStrictEqual(all.map((one) => readFileResult(one, options)));
  });
});

describe('the read-ahead window', () => {
  it('keeps the workers within 64 batches while files are listed and 8 of the one taken next after: a file past both, changed while the scan waits, is read as changed', async () => {
    const root = join(temp, 'window');
    mkdirSync(root);
    const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    // 80 batches of 64 files (BATCH_FILES): the last batch lies past the window of the listing
    // (LISTING_READ_AHEAD_BATCHES) and past that of the first batch taken.
    const files = Array.from({ length: 64 * 80 }, (_, index) => join(root, `cm-${String(index).padStart(4, '0')}.yaml`));
    files.forEach((file, index) => writeFileSync(file, configMap(`before-${index}`)));
    const reading = startReading({ cwd: root, objectKinds: new Set(['ConfigMap']) }, 1);
    try {
      reading.add(files);
      const batches = reading.results();
      const first = await batches.next();
      expect(first.done).toBe(false);
      // Time enough for an unbounded worker to read all 80 batches of these small files.
      await sleep(1500);
      writeFileSync(files.at(-1)!, configMap('after'));
      const names: string[] = [];
      for await (const batch of batches) for (const [, result] of batch) names.push(...result.resources.map((resource) => resource.name!));
      expect(names).toHaveLength(64 * 79);
      expect(names.slice(0, 2)).toEqual(['before-64', 'before-65']);
      expect(names.at(-1)).toBe('after');
    } finally {
      await reading.stop();
    }
  });
});

describe('the number of worker threads', () => {
  it('is none for a few files, whatever the cores', () => {
    expect(workerCount(10)).toBe(0);
    expect(workerCount(1_000)).toBe(0);
  });

  it('is what a caller asks for, but leaves this thread a file at least', () => {
    expect(workerCount(10, 0)).toBe(0);
    expect(workerCount(10, 2)).toBe(2);
    expect(workerCount(3, 4)).toBe(2);
    expect(workerCount(1, 4)).toBe(0);
  });

  it('is one per core beyond the first, at 1,500 files each', () => {
    const cores = availableParallelism();
    expect(workerCount(1_499)).toBe(0);
    expect(workerCount(3_000)).toBe(Math.min(cores - 1, 2));
    expect(workerCount(1_000_000)).toBe(cores - 1);
  });
});
