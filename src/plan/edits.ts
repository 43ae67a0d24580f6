// The files as a plan leaves them, step by step: each edit is computed against the text the
// earlier steps left (so `from` is exactly what the line holds when the step is reached), and
// a value shared by every environment is overridden in the environment's own variables file
// instead of moving them all at once — a shared variable default directly, a shared literal
// once it has been turned into a variable whose default is today's value.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ValueSite } from '../core/inventory.js';
import type { Edit } from './types.js';

const isTerragruntFile = (path: string) => basename(path) === 'terragrunt.hcl';
const INPUTS_START = /^\s*inputs\s*=\s*\{\s*(#.*)?$/;

/** A release a line's comment may name, and what it becomes (the app version a chart version ships). */
export interface Described {
  from: string;
  to: string;
}

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
  /** Shared literals turned into variables, by "path:line": the variable's name. */
  private readonly promoted = new Map<string, string>();

  constructor(private readonly cwd: string) {}

  /** The value the site holds now for `env` (after the edits made so far). */
  valueAt(site: ValueSite, env: EnvironmentFiles): string {
    const variable = this.variableOf(site);
    const target = (variable !== undefined ? this.overrides.get(`${env.name}\0${variable}`) : undefined) ?? site;
    return this.values.get(`${target.path}:${target.line}`) ?? target.value;
  }

  /**
   * Sets the value at `site` to `to` for one environment: in place when the line is the
   * environment's own; as a new line in its variables file when it is a shared variable
   * default; when it is a literal every environment shares, the first time it moves it becomes
   * a variable whose default is today's value (what the other environments keep until their
   * window), set in this environment's variables file. A variables file is a .tfvars file (a line
   * added at its end), a .tfvars.json file (a key added last) or a terragrunt.hcl (an entry added
   * to its inputs). Without one the shared line is edited in place, and only forward.
   */
  set(site: ValueSite, to: string, env: EnvironmentFiles, described?: Described): SetResult {
    // A called module's line is set by no environment's variables file: it is edited in place.
    const perEnvironment = env.varFile !== undefined && (/\.tfvars(\.json)?$/.test(env.varFile) || isTerragruntFile(env.varFile)) && site.shared?.calledModule === undefined;
    let variable = this.variableOf(site);
    let promotion: Edit[] = [];
    let note: string | undefined;
    // Only when the value can then be set in the environment's file: a promotion is never left half made.
    if (variable === undefined && site.shared && perEnvironment && this.valueAt(site, env) !== to && this.canAddTo(env.varFile!)) {
      const promoted = this.promote(site);
      if (promoted) {
        ({ variable, edits: promotion } = promoted);
        note = `${site.path}:${site.line} is shared by every environment: it becomes variable ${variable} (default ${site.value}, which the other environments keep until their own window) and ${env.name} sets it in ${env.varFile}`;
      }
    }
    if (variable !== undefined && perEnvironment) {
      const key = `${env.name}\0${variable}`;
      const override = this.overrides.get(key);
      // A variable an earlier window made of a shared literal: say where it comes from.
      if (!override && note === undefined && this.promoted.has(`${site.path}:${site.line}`)) {
        note = `${site.path}:${site.line} reads variable ${variable} since an earlier environment's window; ${env.name} sets its own value in ${env.varFile}`;
      }
      // The environment already runs the shared value: nothing to set.
      if (!override && promotion.length === 0 && this.valueAt(site, env) === to) return { edits: [] };
      const placed = (line: number) => this.overrides.set(key, { path: env.varFile!, line, value: to });
      const assignment = `${variable} = ${JSON.stringify(to)}`;
      const file = env.varFile!;
      const result = override
        ? this.replace(override, to, described)
        : isTerragruntFile(file) ? this.addInput(file, assignment, placed) : file.endsWith('.json') ? this.addJsonValue(file, variable, to, placed) : this.append(file, `\n${assignment}`, placed);
      return 'edits' in result ? { edits: [...promotion, ...result.edits], ...(note ? { note } : {}) } : result;
    }
    if (site.shared) {
      const now = this.values.get(`${site.path}:${site.line}`) ?? site.value;
      // An earlier environment's window moved the shared line already; never move it back.
      if (compareVersions(now, to) >= 0) return { edits: [], note: `${site.path}:${site.line} is shared by every environment and already holds ${now}` };
      const result = this.replace(site, to, described);
      const note = site.shared.calledModule === undefined
        ? `${site.path}:${site.line} is shared by every environment: this changes it for all of them`
        : `${site.path}:${site.line} is in module ${site.shared.calledModule}, which other modules call: this changes it for every environment that calls it`;
      return 'edits' in result ? { ...result, note } : result;
    }
    return this.replace(site, to, described);
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

  /**
   * Replaces the value on the site's line; a trailing comment that repeats the old value (`# EKS 1.27`),
   * or the `described` release a chart version ships (`# controller v1.8.1`), is brought up to date too.
   */
  private replace(site: ValueSite, to: string, described?: Described): SetResult {
    const lines = this.lines(site.path);
    if (!lines) return { problem: `${site.path} cannot be read` };
    const key = `${site.path}:${site.line}`;
    const now = this.values.get(key) ?? site.value;
    const from = lines[site.line - 1];
    if (from === undefined) return { problem: `${site.path} has no line ${site.line}` };
    if (now === to) return { edits: [] };
    const { code, comment } = splitComment(from);
    const token = new RegExp(`(^|[^\\w.-])${escapeRegExp(now)}(?![\\w.-])`);
    if (!token.test(code)) return { problem: `${key} does not hold ${now} as upshift read it` };
    const pairs: Described[] = [{ from: now, to }, ...(described && described.from !== described.to ? [described] : [])];
    const replaced = code.replace(token, (_, before: string) => `${before}${to}`) + pairs.reduce((text, pair) => updateMention(text, pair), comment);
    lines[site.line - 1] = replaced;
    this.values.set(key, to);
    return { edits: [{ file: site.path, line: site.line, from, to: replaced }] };
  }

  /**
   * Adds `text` (one line or more) after the last line of `path` (new lines go last, so no other line
   * moves); `placed` learns the line of its last line. An assignment goes after a blank line: it starts
   * its own group, so `terraform fmt -check` does not ask to realign the lines above it.
   */
  private append(path: string, text: string, placed?: (line: number) => void): SetResult {
    const lines = this.lines(path);
    if (!lines) return { problem: `${path} cannot be read` };
    let last = lines.length;
    while (last > 0 && lines[last - 1].trim() === '') last--;
    if (last === 0) return { problem: `${path} is empty` };
    const from = lines[last - 1];
    const added = text.split('\n');
    lines.splice(last, 0, ...added);
    placed?.(last + added.length);
    return { edits: [{ file: path, line: last, from, to: `${from}\n${text}` }] };
  }

  /** Whether addInput, addJsonValue or append can add a value to this variables file. */
  private canAddTo(path: string): boolean {
    const lines = this.lines(path)?.filter((line) => line.trim() !== '');
    if (!lines || lines.length === 0) return false;
    if (isTerragruntFile(path)) return lines.some((line) => INPUTS_START.test(line));
    if (path.endsWith('.json')) return lines.length > 1 && lines.at(-1)!.trim() === '}';
    return true;
  }

  /**
   * Adds `assignment` as the last entry of a terragrunt.hcl's `inputs = { ... }`, indented as the
   * entry before it. The closing brace and what follows move one line down: upshift edits nothing
   * after a unit's inputs.
   */
  private addInput(path: string, assignment: string, placed: (line: number) => void): SetResult {
    const lines = this.lines(path);
    if (!lines) return { problem: `${path} cannot be read` };
    const start = lines.findIndex((line) => INPUTS_START.test(line));
    if (start < 0) return { problem: `${path} has no "inputs = {" block to set a value in` };
    let depth = 0;
    for (let index = start; index < lines.length; index++) {
      const code = splitComment(lines[index]).code.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
      if (depth > 0) continue;
      const before = lines[index - 1];
      const indent = index - 1 > start ? /^\s*/.exec(before)![0] : `${/^\s*/.exec(lines[start])![0]}  `;
      // After a blank line, as in a tfvars file: its own group for `terragrunt hclfmt`.
      const added = index - 1 > start && before.trim() !== '' ? ['', `${indent}${assignment}`] : [`${indent}${assignment}`];
      lines.splice(index, 0, ...added);
      placed(index + added.length);
      return { edits: [{ file: path, line: index, from: before, to: [before, ...added].join('\n') }] };
    }
    return { problem: `${path}: the inputs block is never closed` };
  }

  /** Adds `"name": "value"` as the last key of a .tfvars.json object written one key per line. */
  private addJsonValue(path: string, name: string, value: string, placed: (line: number) => void): SetResult {
    const lines = this.lines(path);
    if (!lines) return { problem: `${path} cannot be read` };
    let close = lines.length - 1;
    while (close >= 0 && lines[close].trim() === '') close--;
    if (close < 1 || lines[close].trim() !== '}') return { problem: `${path} is not a JSON object with one key per line` };
    const previous = close - 1;
    const from = lines[previous];
    const empty = from.trim() === '{';
    const indent = empty ? `${/^\s*/.exec(from)![0]}  ` : /^\s*/.exec(from)![0];
    const entry = `${indent}${JSON.stringify(name)}: ${JSON.stringify(value)}`;
    const to = `${empty || from.trimEnd().endsWith(',') ? from : `${from.trimEnd()},`}\n${entry}`;
    lines.splice(previous, 1, ...to.split('\n'));
    placed(previous + 2);
    return { edits: [{ file: path, line: previous + 1, from, to }] };
  }

  private variableOf(site: ValueSite): string | undefined {
    return site.shared?.variable ?? this.promoted.get(`${site.path}:${site.line}`);
  }

  /**
   * Turns the shared literal at `site` into `var.NAME`, declared next to the module's other
   * variables (variables.tf beside the file, else the file itself) with today's value as its
   * default; a trailing comment about the value moves with it to the default's line. Undefined
   * when the line does not hold the value as one quoted string.
   */
  private promote(site: ValueSite): { variable: string; edits: Edit[] } | undefined {
    const lines = this.lines(site.path);
    const from = lines?.[site.line - 1];
    if (!lines || from === undefined) return undefined;
    const quoted = JSON.stringify(site.value);
    const at = from.indexOf(quoted);
    if (at < 0 || from.indexOf(quoted, at + 1) >= 0) return undefined;
    const directory = dirname(site.path);
    const variable = this.freeVariableName(directory, variableNameFor(lines, site.line));
    const rest = from.slice(at + quoted.length);
    const comment = /^\s*((?:#|\/\/).*)$/.exec(rest)?.[1];
    const to = `${from.slice(0, at)}var.${variable}${comment === undefined ? rest : ''}`.trimEnd();
    const variablesFile = this.lines(join(directory, 'variables.tf')) ? join(directory, 'variables.tf') : site.path;
    const block = [
      '',
      `variable "${variable}" {`,
      '  description = "Set in each environment\'s own variables (its .tfvars file or terragrunt.hcl inputs), so that the environments are upgraded one at a time."',
      '  type        = string',
      `  default     = ${quoted}${comment === undefined ? '' : ` ${comment}`}`,
      '}',
    ].join('\n');
    lines[site.line - 1] = to;
    this.rewritten.add(`${site.path}:${site.line}`);
    this.promoted.set(`${site.path}:${site.line}`, variable);
    const declared = this.append(variablesFile, block);
    if (!('edits' in declared)) return undefined;
    return { variable, edits: [{ file: site.path, line: site.line, from, to }, ...declared.edits] };
  }

  /** `wanted`, or `wanted_2`, ... : a name no variable of the module (nor an earlier promotion) has. */
  private freeVariableName(directory: string, wanted: string): string {
    const taken = new Set(this.promoted.values());
    let names: string[] = [];
    try {
      names = readdirSync(resolve(this.cwd, directory)).filter((name) => name.endsWith('.tf'));
    } catch {
      // An unreadable directory declares nothing upshift can see.
    }
    for (const name of names) {
      for (const match of (this.lines(join(directory, name)) ?? []).join('\n').matchAll(/^\s*variable\s+"([^"]+)"/gm)) taken.add(match[1]);
    }
    let candidate = wanted;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${wanted}_${suffix}`;
    return candidate;
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

/**
 * A variable name for the attribute on line `line` (1-based): the labels of the blocks and
 * objects around it and the attribute's own name — `kube_proxy_addon_version` for
 * `addon_version` in resource "aws_eks_addon" "kube_proxy", `cluster_autoscaler_chart_version`
 * for a helm_release's `version`.
 */
export function variableNameFor(lines: readonly string[], line: number): string {
  let attribute = /^\s*"?([\w-]+)"?\s*[=:]/.exec(lines[line - 1] ?? '')?.[1] ?? 'version';
  const labels: string[] = [];
  let depth = 0;
  let outermost = '';
  for (let index = line - 2; index >= 0; index--) {
    // Braces inside strings and comments do not open or close anything.
    const code = lines[index].replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, '');
    depth += (code.match(/\}/g) ?? []).length - (code.match(/\{/g) ?? []).length;
    if (depth >= 0) continue;
    depth = 0;
    outermost = lines[index];
    const label = /"([^"]+)"\s*\{\s*$/.exec(lines[index])?.[1] ?? /^\s*"?([\w-]+)"?\s*=\s*\{/.exec(lines[index])?.[1];
    if (label) labels.unshift(label);
  }
  if (/^\s*resource\s+"helm_release"/.test(outermost) && attribute === 'version') attribute = 'chart_version';
  return [...labels, attribute].join('_').toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * A line's code and its trailing comment (from a `#` or `//` that starts a word outside quotes, as
 * HCL and YAML read them; "" when there is none).
 */
export function splitComment(line: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ((char === '#' || (char === '/' && line[index + 1] === '/')) && (index === 0 || /\s/.test(line[index - 1]))) {
      return { code: line.slice(0, index), comment: line.slice(index) };
    }
  }
  return { code: line, comment: '' };
}

/** The comment with each mention of `pair.from` (with or without a leading "v") naming `pair.to` instead. */
function updateMention(comment: string, pair: Described): string {
  const [from, to] = [pair.from.replace(/^v/, ''), pair.to.replace(/^v/, '')];
  return comment.replace(new RegExp(`(^|[^\\w.-])(v?)${escapeRegExp(from)}(?![\\w.-])`, 'g'), (_, before: string, v: string) => `${before}${v}${to}`);
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
