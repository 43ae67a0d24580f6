// Chart.yaml as helm 3.17.3 validates it: every case below was run through `helm template`
// (its error text, or that it renders), and loading the same chart here must agree.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChartDirectory } from './chart.js';

let work: string | undefined;
afterEach(() => work && rmSync(work, { recursive: true, force: true }));

function load(chartYaml: string): string {
  work = mkdtempSync(join(tmpdir(), 'upshift-chart-metadata-'));
  mkdirSync(join(work, 'bc/templates'), { recursive: true });
  writeFileSync(join(work, 'bc/Chart.yaml'), chartYaml);
  writeFileSync(join(work, 'bc/templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  try {
    return `renders ${loadChartDirectory(join(work, 'bc'), work).name}`;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('Chart.yaml validation, as helm 3 does it', () => {
  it.each([
    ['apiVersion: v2\nname: bc\n', 'bc/Chart.yaml:1: validation: chart.metadata.version is required'],
    ['apiVersion: v2\nname: bc\nversion: one\n', 'bc/Chart.yaml:3: validation: chart.metadata.version "one" is invalid'],
    ['apiVersion: v2\nname: bc\nversion: 1.2.3-rc.01\n', 'bc/Chart.yaml:3: validation: chart.metadata.version "1.2.3-rc.01" is invalid'],
    ['apiVersion: v2\nname: bc\nversion: 1.0.0\ntype: app\n', 'bc/Chart.yaml:4: validation: chart.metadata.type must be application or library'],
    ['apiVersion: v2\nname: a/bc\nversion: 1.0.0\n', 'bc/Chart.yaml:2: validation: chart.metadata.name "a/bc" is invalid'],
    ['apiVersion: v2\nversion: 1.0.0\n', 'bc/Chart.yaml:1: validation: chart.metadata.name is required'],
    ['apiVersion: v2\nname: bc\nversion: 1.2.3\ndependencies:\n- name: x\n  alias: a.b\n', 'bc/Chart.yaml:4: validation: dependency "x" has disallowed characters in the alias'],
    ['apiVersion: v2\nname: bc\nversion: 1.2.3\ndependencies:\n- name: x\n- name: y\n  alias: x\n', 'bc/Chart.yaml:4: validation: more than one dependency with name or alias "x"'],
  ])('refuses %j', (chartYaml, message) => {
    expect(load(chartYaml)).toBe(message);
  });

  it.each([
    'apiVersion: v2\nname: bc\nversion: 1.0\n',
    'apiVersion: v2\nname: bc\nversion: v1\n',
    'apiVersion: v2\nname: bc\nversion: 01.2.3\n',
    'name: bc\nversion: 1.0.0\n',
    'apiVersion: v2\nname: bc\nversion: 1.2.3-rc.1+build.007\ntype: library\n',
  ])('accepts %j', (chartYaml) => {
    expect(load(chartYaml)).toBe('renders bc');
  });
});
