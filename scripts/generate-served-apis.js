#!/usr/bin/env node
// Writes data/served-apis.yaml from a git clone of kubernetes/api (with its kubernetes-1.N.0
// tags): every built-in kind a GA or beta group/version serves (the types marked +genclient),
// the first minor whose k8s.io/api has it, the first minor that no longer has it, and whether
// the API server enables it by default. Usage: node scripts/generate-served-apis.js KUBERNETES_API_GIT_DIR
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const gitDir = process.argv[2];
if (!gitDir) {
  process.stderr.write('usage: node scripts/generate-served-apis.js KUBERNETES_API_GIT_DIR\n');
  process.exit(1);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

// KEP-3136 (beta APIs off by default): from 1.24 on a new beta group/version is disabled unless
// the API server lists it in legacyBetaEnabledByDefaultResources (pkg/controlplane/instance.go).
const BETA_OFF_SINCE = 24;
const LEGACY_BETA_ENABLED = new Set(['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration']);
const FIRST_MINOR = 16;

// Kinds served by the API server but defined outside k8s.io/api (apiextensions-apiserver, kube-aggregator).
const OUTSIDE_K8S_API = [
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', introducedIn: '1.16', source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#customresourcedefinition-v122' },
  { group: 'apiextensions.k8s.io', version: 'v1beta1', kind: 'CustomResourceDefinition', introducedIn: '1.7', source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#customresourcedefinition-v122' },
  { group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', introducedIn: '1.10', source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#apiservice-v122' },
  { group: 'apiregistration.k8s.io', version: 'v1beta1', kind: 'APIService', introducedIn: '1.7', source: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#apiservice-v122' },
];

const tags = git('tag', '--list', 'kubernetes-1.*.0')
  .split('\n')
  .map((tag) => /^kubernetes-1\.(\d+)\.0$/.exec(tag.trim()))
  .filter((match) => match && Number(match[1]) >= FIRST_MINOR)
  .map((match) => ({ tag: match[0], minor: Number(match[1]) }))
  .sort((a, b) => a.minor - b.minor);

/** group/version/kind -> minors whose k8s.io/api has it. */
const seen = new Map();
for (const { tag, minor } of tags) {
  const files = git('ls-tree', '-r', '--name-only', tag).split('\n');
  for (const path of files) {
    const match = /^([a-z]+)\/(v\d+(?:(?:alpha|beta)\d+)?)\/types\.go$/.exec(path);
    if (!match || match[2].includes('alpha')) continue;
    const [, folder, version] = match;
    const group = folder === 'core' ? '' : groupName(tag, `${folder}/${version}`);
    if (group === undefined) continue;
    for (const kind of clientKinds(git('show', `${tag}:${path}`))) {
      const key = `${group ? `${group}/` : ''}${version}/${kind}`;
      if (!seen.has(key)) seen.set(key, { group, folder, version, kind, minors: [] });
      seen.get(key).minors.push(minor);
    }
  }
}

function groupName(tag, folder) {
  let register;
  try {
    register = git('show', `${tag}:${folder}/register.go`);
  } catch {
    return undefined;
  }
  return /const GroupName = "([^"]+)"/.exec(register)?.[1];
}

/** The kinds a types.go marks +genclient: the REST resources a client can list or create. */
function clientKinds(source) {
  const kinds = [];
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const type = /^type (\w+) struct/.exec(line);
    if (!type) return;
    // The markers sit in a comment block above the type's doc comment, often after a blank line.
    for (let back = index - 1; back >= 0 && (lines[back].startsWith('//') || !lines[back].trim()); back--) {
      if (/^\/\/ \+genclient$/.test(lines[back].trim())) {
        kinds.push(type[1]);
        return;
      }
    }
  });
  return kinds;
}

const newest = tags.at(-1).minor;
const rows = [];
for (const entry of seen.values()) {
  const first = Math.min(...entry.minors);
  const last = Math.max(...entry.minors);
  const beta = entry.version.includes('beta');
  const key = `${entry.group ? `${entry.group}/` : ''}${entry.version}/${entry.kind}`;
  rows.push({
    group: entry.group,
    version: entry.version,
    kind: entry.kind,
    // Before FIRST_MINOR the tag history is not read: the kind is older than that.
    introducedIn: `1.${first}`,
    removedIn: last < newest ? `1.${last + 1}` : null,
    defaultOn: !beta || first < BETA_OFF_SINCE || LEGACY_BETA_ENABLED.has(key),
    // The first tag that has the kind (+genclient in this file).
    source: `https://github.com/kubernetes/api/blob/kubernetes-1.${first}.0/${entry.folder}/${entry.version}/types.go`,
  });
}
for (const row of OUTSIDE_K8S_API) rows.push({ ...row, removedIn: null, defaultOn: true });
rows.sort((a, b) => (a.group + a.version + a.kind < b.group + b.version + b.kind ? -1 : 1));

const quote = (value) => (value === null ? 'null' : typeof value === 'boolean' ? String(value) : JSON.stringify(value));
const text = [
  '# Built-in Kubernetes kinds served by GA and beta group/versions, generated by scripts/generate-served-apis.js',
  '# from kubernetes/api (the +genclient types of each group/version at tags kubernetes-1.N.0, N >= 16; apiextensions',
  '# and apiregistration added by hand). introducedIn: first minor whose k8s.io/api has the kind (1.16 means "1.16 or',
  '# earlier"); removedIn: first minor whose k8s.io/api no longer has it (data/apis.yaml removals also apply);',
  '# defaultOn: the API server serves it without --runtime-config (KEP-3136: betas new in 1.24 or later are off, except',
  '# legacyBetaEnabledByDefaultResources). Alpha group/versions are never on by default and are not listed.',
  '# .Capabilities.APIVersions of `upshift template` and of helm runs is derived from these rows.',
  // No knowledgeDate: the tags are dated facts, and the knowledge date (the oldest file's) is apis.yaml's review.
  `# Newest tag read: ${tags.at(-1).tag} (${git('log', '-1', '--format=%cs', tags.at(-1).tag).trim()}).`,
  'servedApis:',
  ...rows.flatMap((row) => [
    `  - group: ${quote(row.group)}`,
    ...['version', 'kind', 'introducedIn', 'removedIn', 'defaultOn', 'source'].map((field) => `    ${field}: ${quote(row[field])}`),
  ]),
  '',
].join('\n');
const out = fileURLToPath(new URL('../data/served-apis.yaml', import.meta.url));
writeFileSync(out, text);
process.stdout.write(`${out}: ${rows.length} kinds from ${tags.length} tags (1.${tags[0].minor}..1.${newest})\n`);
