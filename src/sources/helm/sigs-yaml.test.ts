// Plain scalars as helm reads them (go-yaml v2 through sigs.k8s.io/yaml's JSON step); the
// values are what helm 3.17.3 and 4.1.4 print for them (test/fixtures/charts/functions/yaml-scalars).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChartDirectory } from './chart.js';
import { parseDocument } from 'yaml';
import { resolveGoPlain, SIGS_YAML_OPTIONS } from './sigs-yaml.js';
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

describe('map keys that go-yaml reads as numbers or null', () => {
  const read = (text: string) => {
    const document = parseDocument(text, SIGS_YAML_OPTIONS);
    return document.errors.length > 0 ? document.errors[0].message.split('\n')[0] : document.toJS();
  };

  it('become the strings sigs.k8s.io/yaml makes of them (helm 3.17.3: floats as float32)', () => {
    expect(Object.keys(read('1.1: a\n0.1: b\n3.14159265358979: c\n1e3: d\n.5: f\n-0: g\n1e22: i\n0.0000001: j\n2001-12-14: k\n1:30: l\non: m\n0x10: n\n9223372036854775807: o\n9007199254740993: p\n"1.0": q\n') as object).sort()).toEqual(
      ['0', '0.1', '0.5', '1.0', '1.1', '1000', '16', '1:30', '1e+22', '1e-07', '2001-12-14', '3.1415927', '9007199254740993', '9223372036854775807', 'true'],
    );
    expect(read('a: 1.5\nb: ~\nc: 0x10\n')).toEqual({ a: 1.5, b: null, c: 16 });
  });

  it('fail the read when Go cannot make a JSON key of them, as in helm', () => {
    expect(read('~: a\n')).toMatch(/unsupported map key of type: %!s\(<nil>\)/);
    expect(read('12345678901234567890: h\n')).toMatch(/unsupported map key of type: uint64/);
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
