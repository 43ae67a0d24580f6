// One finding per problem per place (CLI.md): a Terraform block, a chart template or a base
// manifest read once per environment, overlay or values file gives the same problem once per
// environment. Those copies become one finding that lists its environments, with what differs
// between them (the current version, the hops, the message) kept per environment in details.
import { SEVERITIES, type Finding, type Origin } from '../core/types.js';
import { originEnvironment } from '../core/origin-environment.js';

/**
 * Ids that name one problem in different degrees: the same place can only have one of them at a
 * time in one environment, but may have each in a different one (a version past standard support
 * in one environment and nearing it in another).
 */
const FAMILIES: Readonly<Record<string, string>> = {
  'addon-incompatible': 'addon-compatibility',
  'addon-upgrade-first': 'addon-compatibility',
  'support-ended': 'support',
  'support-ending': 'support',
  'api-removed': 'api-lifecycle',
  'api-deprecated': 'api-lifecycle',
  'field-removed': 'field-lifecycle',
  'field-deprecated': 'field-lifecycle',
};

/** The problem an id is a degree of: "support" for support-ended and support-ending. */
export function idFamily(id: string): string {
  return FAMILIES[id] ?? id;
}

/** The details key under which a merged finding keeps what differs between its environments. */
export const BY_ENVIRONMENT = 'byEnvironment';

/** The environment a finding was judged in: its origin's (Terraform, a chart's values, an overlay), else the one its details name. */
export function environmentOf(finding: Finding): string | undefined {
  const env = originEnvironment(finding.origin);
  if (env !== undefined) return env;
  const named = finding.details?.env;
  return typeof named === 'string' ? named : undefined;
}

/** The environments a finding holds in: its `environments`, else the one it was judged in. */
export function environmentsOf(finding: Finding): string[] {
  if (finding.environments?.length) return finding.environments;
  const env = environmentOf(finding);
  return env === undefined ? [] : [env];
}

/**
 * The findings with every group of the same id family, resource and origin place made one.
 * Findings already merged (a report read back by `upshift merge`) are split into their
 * environments first, so merging merged reports gives what one scan of everything would.
 * `urgency` orders findings of one severity by when they are due (smaller is sooner); it may read
 * a finding's id and details only (report/due.ts's rank does).
 */
export function oneFindingPerPlace(findings: readonly Finding[], urgency: (finding: Finding) => number = () => 0): Finding[] {
  // Without environments nothing merges (mergeGroup keeps a group of one environment as it is):
  // a scan of plain files, tens of thousands of findings, need not build a key for each.
  if (!findings.some((finding) => finding.environments?.length || environmentOf(finding) !== undefined)) return [...findings];
  const groups = new Map<string, Finding[]>();
  const merged = findings.some((finding) => finding.environments?.length);
  for (const finding of merged ? findings.flatMap(splitEnvironments) : findings) {
    const key = placeKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].flatMap((group) => mergeGroup(group, urgency));
}

function placeKey(finding: Finding): string {
  const resource = finding.resource;
  // A Kustomize overlay may rename what its base declares (namePrefix, namespace): one base
  // document, one place, is one object in each overlay, whatever each overlay calls it.
  const renamed = finding.origin?.type === 'file' && finding.origin.kustomization !== undefined;
  const identity = renamed ? [resource?.apiVersion, resource?.kind] : [resource?.apiVersion, resource?.kind, resource?.namespace, resource?.name];
  const parts = [idFamily(finding.id), ...identity, ...originPlace(finding.origin), ...subjectOf(finding)];
  // NUL appears in no id, name, path or context.
  return parts.map((part) => part ?? '').join('\0');
}

/** What a check judged at the place, when it judges several things there: a field of the object, an add-on among its images. */
function subjectOf(finding: Finding): unknown[] {
  return [finding.details?.field, finding.details?.addon].map((value) => (typeof value === 'string' ? value : undefined));
}

/** What names an origin's place, without the environment that read it. */
function originPlace(origin: Origin | undefined): (string | number | undefined)[] {
  if (!origin) return [];
  switch (origin.type) {
    case 'file':
      // Not the kustomization: an overlay is to its base what an environment is to a chart.
      return [origin.type, origin.path, origin.line, origin.column, origin.chart];
    case 'terraform':
      return [origin.type, origin.path, origin.line, origin.column];
    case 'helm-release':
      return [origin.type, origin.namespace, origin.release];
    case 'cluster':
      return [origin.type, origin.context, origin.uid];
    case 'eks':
      return [origin.type, origin.cluster, origin.region];
  }
}

function mergeGroup(group: Finding[], urgency: (finding: Finding) => number): Finding[] {
  // Most places have one finding: nothing to merge (a scan of plain files has tens of thousands).
  if (group.length === 1) return group;
  const byEnv = new Map<string, Finding[]>();
  for (const finding of group) {
    const env = environmentOf(finding) ?? '';
    byEnv.set(env, [...(byEnv.get(env) ?? []), finding]);
  }
  // Two findings at one place in one environment are two problems (two node groups a cluster
  // reports, say; or two clusters' reports merged, whose Helm releases share a name): nothing
  // pairs them with the other environments' findings, so they stay apart.
  if ([...byEnv.values()].some((found) => found.length > 1) || byEnv.size === 1) return [...byEnv.values()].flat();
  const members: [string, Finding][] = [...byEnv.entries()].map(([env, [finding]]) => [env, finding] as [string, Finding]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const environments = members.map(([env]) => env).filter((env) => env !== '');
  const details = detailsAgreement(members);
  const idsDiffer = new Set(members.map(([, finding]) => finding.id)).size > 1;
  // The most severe, and of those the one due soonest (the first such), speaks for them all.
  // Each member's urgency is worked out once (a sort asked for it at every comparison: two thirds
  // of checking the bench chart's 20 environments), and only where members differ in their id or
  // details: otherwise they are due at the same time.
  const sameDue = details.differing.length === 0 && !idsDiffer;
  const ranks = members.map(([, finding]) => [severityRank(finding), sameDue ? 0 : urgency(finding)]);
  let best = 0;
  for (let index = 1; index < members.length; index++) {
    const [severity, due] = ranks[index];
    if (severity < ranks[best][0] || (severity === ranks[best][0] && due < ranks[best][1])) best = index;
  }
  const [representativeEnv, representative] = members[best];
  const merged: Finding = { id: representative.id, severity: representative.severity, message: mergedMessage(members, representativeEnv) };
  if (representative.resource) merged.resource = representative.resource;
  if (representative.origin) merged.origin = withoutEnvironment(representative.origin);
  merged.environments = environments;
  // What each overlay made of the place: its own name for the object, its own kustomization.
  const resourcesDiffer = new Set(members.map(([, finding]) => JSON.stringify(finding.resource))).size > 1;
  const kustomizations = members.map(([, finding]) => (finding.origin?.type === 'file' ? finding.origin.kustomization : undefined));
  const kustomizationsDiffer = new Set(kustomizations).size > 1;
  if (kustomizationsDiffer && merged.origin?.type === 'file') {
    const { kustomization: _kustomization, ...origin } = merged.origin;
    merged.origin = origin;
  }
  const own = (finding: Finding): Record<string, unknown> => ({
    ...(resourcesDiffer && finding.resource ? { resource: finding.resource } : {}),
    ...(kustomizationsDiffer && finding.origin?.type === 'file' && finding.origin.kustomization ? { kustomization: finding.origin.kustomization } : {}),
  });
  const mergedFacts = mergedDetails(members, own, details, idsDiffer);
  if (mergedFacts) merged.details = mergedFacts;
  return [merged];
}

/** The message they share; else the representative's, naming the environments it is true of and those whose own message is in details. */
function mergedMessage(members: [string, Finding][], representativeEnv: string): string {
  const message = members.find(([env]) => env === representativeEnv)![1].message;
  const same = members.filter(([, finding]) => finding.message === message).map(([env]) => env || 'no environment');
  const others = members.filter(([, finding]) => finding.message !== message).map(([env]) => env || 'no environment');
  if (others.length === 0) return message;
  return `${message} (in ${same.join(', ')}; ${others.join(', ')} ${others.length === 1 ? 'differs' : 'differ'}: see details.${BY_ENVIRONMENT})`;
}

/** The members' details keys (but env), in the order first seen: those with the same value in every member, and the others. */
function detailsAgreement(members: [string, Finding][]): { agreed: string[]; differing: string[] } {
  const keys = new Set(members.flatMap(([, finding]) => Object.keys(finding.details ?? {})));
  keys.delete('env');
  const agreed: string[] = [];
  const differing: string[] = [];
  for (const key of keys) {
    const first = JSON.stringify(members[0][1].details?.[key]);
    (members.every(([, finding]) => JSON.stringify(finding.details?.[key]) === first) ? agreed : differing).push(key);
  }
  return { agreed, differing };
}

/** Details the environments agree on at the top; what differs (and a message or id that differs) under byEnvironment. */
function mergedDetails(
  members: [string, Finding][],
  own: (finding: Finding) => Record<string, unknown>,
  { agreed, differing }: { agreed: string[]; differing: string[] },
  idsDiffer: boolean,
): Record<string, unknown> | undefined {
  const shared: Record<string, unknown> = {};
  for (const key of agreed) shared[key] = members[0][1].details![key];
  const messagesDiffer = new Set(members.map(([, finding]) => finding.message)).size > 1;
  const extras = members.map(([, finding]) => own(finding));
  if (differing.length > 0 || messagesDiffer || idsDiffer || extras.some((extra) => Object.keys(extra).length > 0)) {
    const perEnvironment: Record<string, Record<string, unknown>> = {};
    members.forEach(([env, finding], index) => {
      const facts: Record<string, unknown> = { ...extras[index] };
      if (idsDiffer) facts.id = finding.id;
      if (idsDiffer) facts.severity = finding.severity;
      for (const key of differing) if (finding.details?.[key] !== undefined) facts[key] = finding.details[key];
      if (messagesDiffer) facts.message = finding.message;
      perEnvironment[env || '(none)'] = facts;
    });
    shared[BY_ENVIRONMENT] = perEnvironment;
  }
  return Object.keys(shared).length > 0 ? shared : undefined;
}

/** A merged finding as the findings it was made of, one per environment. */
function splitEnvironments(finding: Finding): Finding[] {
  if (!finding.environments?.length) return [finding];
  const { environments, ...single } = finding;
  const { [BY_ENVIRONMENT]: perEnvironment, ...shared } = finding.details ?? {};
  const own = (env: string): Record<string, unknown> => {
    const entry = (perEnvironment as Record<string, unknown> | undefined)?.[env];
    return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  };
  return environments.map((env) => {
    const { id, severity, message, resource, kustomization, ...facts } = own(env);
    const member: Finding = { ...single, details: { ...shared, ...facts, env } };
    if (typeof id === 'string') member.id = id;
    if (typeof resource === 'object' && resource !== null) member.resource = resource as Finding['resource'];
    if (typeof kustomization === 'string' && member.origin?.type === 'file') member.origin = { ...member.origin, kustomization };
    if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) member.severity = severity as Finding['severity'];
    if (typeof message === 'string') member.message = message;
    if (member.origin && (member.origin.type === 'file' || member.origin.type === 'terraform')) member.origin = { ...member.origin, env };
    return member;
  });
}

function withoutEnvironment(origin: Origin): Origin {
  if (origin.type !== 'file' && origin.type !== 'terraform') return origin;
  const { env: _env, ...rest } = origin;
  return rest;
}

function severityRank(finding: Finding): number {
  return SEVERITIES.indexOf(finding.severity);
}
