// Plain scalars as helm reads them (go-yaml v2 through sigs.k8s.io/yaml's JSON step); the
// values are what helm 3.17.3 and 4.1.4 print for them (test/fixtures/charts/functions/yaml-scalars).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChartDirectory } from './chart.js';
import { resolveGoPlain } from './sigs-yaml.js';
import { loadUserValues } from './values.js';

describe('resolveGoPlain', () => {
  it.each([
    ['.', '.'], ['..', '..'], ['e3', 'e3'], ['1:30', '1:30'], ['2001-12-14', '2001-12-14'], ['0xFFFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFFFF'], ['1e400', '1e400'],
    ['0x1F', 31], ['-0x1F', -31], ['0o17', 15], ['017', 15], ['08', 8], ['0b101', 5], ['1_000', 1000], ['1_000.5', 1000.5], ['+1', 1], ['1e3', 1000],
    ['.5', 0.5], ['-.5', -0.5], ['+.5', 0.5], ['1.', 1], ['12345678901234567890', 12345678901234567000], ['9007199254740993', 9007199254740992],
    ['~', null], ['', null], ['y', true], ['n', false], ['on', true], ['Off', false], ['NO', false], ['yES', 'yES'],
  ])('%j is %j', (text, value) => {
    expect(resolveGoPlain(text)).toBe(value);
  });

  it('keeps the sign of a float zero and drops that of an integer zero, as the JSON step does', () => {
    expect(Object.is(resolveGoPlain('-0'), 0)).toBe(true);
    expect(Object.is(resolveGoPlain('-0.0'), -0)).toBe(true);
  });

  it('reads NaN and the infinities, which the reader then refuses', () => {
    expect(resolveGoPlain('.NaN')).toBeNaN();
    expect(resolveGoPlain('-.inf')).toBe(-Infinity);
  });
});

describe('values that JSON cannot hold fail as in helm', () => {
  const directory = mkdtempSync(join(tmpdir(), 'upshift-sigs-yaml-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each([
    ['read by the fast decoder', 'zone: .\nlimit: .inf\n'],
    ['read by the full parser (an anchor)', 'zone: &z .\nother: *z\nlimit: .inf\n'],
  ])('a chart whose values.yaml holds .inf does not load, naming the file (%s)', (_how, values) => {
    writeFileSync(join(directory, 'Chart.yaml'), 'apiVersion: v2\nname: inf\nversion: 1.0.0\n');
    writeFileSync(join(directory, 'values.yaml'), values);
    expect(() => loadChartDirectory(directory, directory)).toThrow(
      'values.yaml:1: cannot load values.yaml: error converting YAML to JSON: json: unsupported value: +Inf; helm refuses it too (JSON has no NaN or Inf): quote the value',
    );
    writeFileSync(join(directory, 'values.yaml'), values.replace('.inf', '1:30'));
    expect(loadChartDirectory(directory, directory).values).toMatchObject({ zone: '.', limit: '1:30' });
  });

  it('a --values file holding .nan is a usage error naming the file', () => {
    writeFileSync(join(directory, 'user.yaml'), 'list: [1, .nan]\n');
    expect(() => loadUserValues(['user.yaml'], [], directory)).toThrow(
      '--values user.yaml: error converting YAML to JSON: json: unsupported value: NaN; helm refuses it too (JSON has no NaN or Inf): quote the value',
    );
  });

  it('a --values file is read as helm reads it', () => {
    writeFileSync(join(directory, 'ok.yaml'), 'zone: .\noct: 0o17\ntime: 1:30\nday: 2001-12-14\non: yes\n');
    expect(loadUserValues(['ok.yaml'], [], directory)).toEqual({ zone: '.', oct: 15, time: '1:30', day: '2001-12-14', true: true });
  });
});
