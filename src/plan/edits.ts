// The files as a plan leaves them, step by step: each edit is computed against the text the
// earlier steps left (so `from` is exactly what the line holds when the step is reached), and
// a value shared by every environment is overridden in the environment's own variables file
// instead of moving them all at once.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValueSite } from '../core/inventory.js';
import type { Edit } from './types.js';

export type SetResult =
  | { edits: Edit[]; note?: string }
  | { problem: string };

/** Where an environment keeps its own values (a tfvars file), for overrides of shared defaults. */
export interface EnvironmentFiles {
  name: string;
  varFile?: string;
}

export class EditSession {
  private readonly files = new Map<string, string[] | undefined>();
  /** The value each edited site holds now, by "path:line". */
  private readonly values = new Map<string, string>();
  /** Overrides added to an environment's variables file, by "env\0variable". */
  private readonly overrides = new Map<string, ValueSite>();
  /** Lines changed by rewrite(), by "path:line". */
  private readonly rewritten = new Set<string>();

  constructor(private readonly cwd: string) {}

  /** The value the site holds now (after the edits made so far). */
  valueAt(site: ValueSite, env: EnvironmentFiles): string {
    const target = this.overrides.get(`${env.name}\0${site.shared?.variable ?? ''}`) ?? site;
    return this.values.get(`${target.path}:${target.line}`) ?? target.value;
  }

  /**
   * Sets the value at `site` to `to` for one environment: in place when the line is the
   * environment's own; as a new line in its variables file when it is a shared variable
   * default; in place, and only forward, when it is a literal every environment shares.
   */
  set(site: ValueSite, to: string, env: EnvironmentFiles): SetResult {
    const variable = site.shared?.variable;
    if (variable !== undefined && env.varFile?.endsWith('.tfvars')) {
      const key = `${env.name}\0${variable}`;
      const override = this.overrides.get(key);
      if (override) return this.replace(override, to);
      return this.append(env.varFile, `${variable} = ${JSON.stringify(to)}`, (line) => this.overrides.set(key, { path: env.varFile!, line, value: to }));
    }
    if (site.shared) {
      const now = this.values.get(`${site.path}:${site.line}`) ?? site.value;
      // An earlier environment's window moved the shared line already; never move it back.
      if (compareVersions(now, to) >= 0) return { edits: [], note: `${site.path}:${site.line} is shared by every environment and already holds ${now}` };
      const result = this.replace(site, to);
      return 'edits' in result ? { ...result, note: `${site.path}:${site.line} is shared by every environment: this changes it for all of them` } : result;
    }
    return this.replace(site, to);
  }

  /** The lines of a display path as the edits so far leave them (a copy), or undefined when it cannot be read. */
  text(path: string): string[] | undefined {
    return this.lines(path)?.slice();
  }

  /** Whether an earlier edit of this session changed line `line` of `path`. */
  changed(path: string, line: number): boolean {
    return this.rewritten.has(`${path}:${line}`) || this.values.has(`${path}:${line}`);
  }

  /**
   * Replaces line `line` of `path` (1-based) with `to`, where `from` is exactly what the line holds
   * now; for edits that are not a version value (a PDB's budget line).
   */
  rewrite(path: string, line: number, from: string, to: string): SetResult {
    const lines = this.lines(path);
    if (!lines) return { problem: `${path} cannot be read` };
    if (lines[line - 1] !== from) return { problem: `${path}:${line} does not hold ${from}` };
    lines[line - 1] = to;
    this.rewritten.add(`${path}:${line}`);
    return { edits: [{ file: path, line, from, to }] };
  }

  private replace(site: ValueSite, to: string): SetResult {
    const lines = this.lines(site.path);
    if (!lines) return { problem: `${site.path} cannot be read` };
    const key = `${site.path}:${site.line}`;
    const now = this.values.get(key) ?? site.value;
    const from = lines[site.line - 1];
    if (from === undefined) return { problem: `${site.path} has no line ${site.line}` };
    if (now === to) return { edits: [] };
    const token = new RegExp(`(^|[^\\w.-])${escapeRegExp(now)}(?![\\w.-])`);
    if (!token.test(from)) return { problem: `${key} does not hold ${now} as upshift read it` };
    const replaced = from.replace(token, (_, before: string) => `${before}${to}`);
    lines[site.line - 1] = replaced;
    this.values.set(key, to);
    return { edits: [{ file: site.path, line: site.line, from, to: replaced }] };
  }

  /** Adds `text` after the last line of `path` (new lines go last, so no other line moves). */
  private append(path: string, text: string, placed: (line: number) => void): SetResult {
    const lines = this.lines(path);
    if (!lines) return { problem: `${path} cannot be read` };
    let last = lines.length;
    while (last > 0 && lines[last - 1].trim() === '') last--;
    if (last === 0) return { problem: `${path} is empty` };
    const from = lines[last - 1];
    lines.splice(last, 0, text);
    placed(last + 1);
    return { edits: [{ file: path, line: last, from, to: `${from}\n${text}` }] };
  }

  private lines(path: string): string[] | undefined {
    if (!this.files.has(path)) {
      try {
        this.files.set(path, readFileSync(resolve(this.cwd, path), 'utf8').split('\n'));
      } catch {
        this.files.set(path, undefined);
      }
    }
    return this.files.get(path);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Orders versions as written ("v1.29.0-eksbuild.1", "9.35.0", "1.29") by their numbers. */
export function compareVersions(a: string, b: string): number {
  const numbers = (text: string) => (text.replace(/^v/, '').match(/\d+/g) ?? []).map(Number);
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? -1) - (y[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A version a person can type as is: no "1.29.x", no "latest", no placeholder. */
export function isConcreteVersion(text: string | undefined): text is string {
  return text !== undefined && /^v?\d+(\.\d+)+(-[\w.]+)?$/.test(text);
}
