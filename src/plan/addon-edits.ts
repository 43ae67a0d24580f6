// Add-on upgrades (placed by ./addon-steps.ts) as steps a person can carry out: the line that
// pins the add-on for this environment (a helm_release or aws_eks_addon version, its tfvars
// value, an eksctl or CloudFormation entry, a Chart.yaml dependency) set to a concrete version,
// and the command of the tooling that manages it — helm itself only for releases no code manages.
import { dirname } from 'node:path';
import semver from 'semver';
import type { ChartReference, EksAddonReference } from '../core/inventory.js';
import type { Finding, Origin } from '../core/types.js';
import { originPlace } from '../core/origin-path.js';
import { chainKey, pinnedLine, type AddonUpgrade } from './addon-steps.js';
import type { Coverage } from './coverage.js';
import * as estimate from './durations.js';
import { compareVersions, isConcreteVersion } from './edits.js';
import type { StepContext, StepDraft } from './steps.js';
import { applyCommands, awsRegion, clusterName, inEnvironmentRoot, rootApplyCommands } from './tooling.js';

const ADDON_FINDINGS = new Set(['addon-incompatible', 'addon-upgrade-first', 'addon-outdated', 'kube-proxy-skew']);

type Pinned = { kind: 'eks-addon'; reference: EksAddonReference } | { kind: 'chart'; reference: ChartReference };

/** All the add-on steps of `upgrades` at once (a new cluster's installs, in one window). */
export function addonEdits(upgrades: readonly AddonUpgrade[], context: StepContext, hops: readonly string[], coverage: Coverage): StepDraft[] {
  const stepper = new AddonSteps(context, coverage);
  const ordered = [...upgrades].sort((a, b) => hops.indexOf(a.hop) - hops.indexOf(b.hop) || (a.phase === 'before' ? 0 : 1) - (b.phase === 'before' ? 0 : 1));
  const drafts = stepper.steps(ordered);
  stepper.settle();
  return drafts;
}

/**
 * Turns add-on upgrades into steps, batch after batch in the order the steps are carried out (so
 * each edit's `from` is what the earlier steps left); settle() then gives each add-on finding to
 * the last step of its add-on's chain (chainKey: the add-on and the line it edits), or to the
 * manual with why no step clears it.
 */
export class AddonSteps {
  private readonly lastStep = new Map<string, StepDraft>();
  private readonly left = new Map<string, string>();
  /** Chains whose line an earlier environment's steps in this plan moved past their releases. */
  private readonly movedLines = new Set<string>();

  constructor(private readonly context: StepContext, private readonly coverage: Coverage) {}

  steps(upgrades: readonly AddonUpgrade[]): StepDraft[] {
    const { context, lastStep, left } = this;
    const drafts: StepDraft[] = [];
    for (const upgrade of upgrades) {
      const pinned: Pinned | undefined = upgrade.line ? { kind: 'chart', reference: upgrade.line } : pinnedAddon(upgrade.addon, context);
      const chain = chainKey(upgrade.addon, upgrade.line);
      const value = pinned?.kind === 'chart' ? upgrade.chart ?? upgrade.change?.to : upgrade.to;
      const where = `${upgrade.phase === 'before' ? 'before' : 'after'} ${upgrade.hop}`;
      if (pinned && isLive(pinned) && isConcreteVersion(value)) {
        // Read from the cluster or the EKS API: no code pins it, the command is the change.
        const draft = addonStep(upgrade, pinned, value, where, [], commandsFor(pinned, value, context));
        drafts.push(draft);
        lastStep.set(chain, draft);
        continue;
      }
      if (!pinned || !pinned.reference.versionSite) {
        const why = `${upgrade.addon} is not pinned in code upshift can edit: upgrade it to ${upgrade.to ?? 'a supported release'} ${where} ${deployedFrom(upgrade.addon, context)}`;
        left.set(chain, why);
        // The order still matters (its minor may have to follow the control plane): the step says what a person does, and when.
        if (isConcreteVersion(upgrade.to)) drafts.push(byHand(upgrade, where, why));
        continue;
      }
      if (!isConcreteVersion(value)) {
        left.set(chain, pinned.kind === 'chart'
          ? `choose the ${pinned.reference.chart} chart version that ships ${upgrade.addon} ${upgrade.to ?? '(a supported release)'} and set it at ${pinned.reference.versionSite.path}:${pinned.reference.versionSite.line} ${where}`
          : `choose the exact ${upgrade.addon} version (${upgrade.to ?? 'a supported release'}) and set it at ${pinned.reference.versionSite.path}:${pinned.reference.versionSite.line} ${where}`);
        continue;
      }
      const files = context.env.terraform?.varFile ? { name: context.env.name, varFile: context.env.terraform.varFile } : { name: context.env.name };
      const site = pinned.reference.versionSite;
      const previous = context.session.valueAt(site, files);
      // An earlier environment's steps in this plan moved the line past this step's release (a
      // line every environment's findings reach): setting it would move it back.
      if (context.session.changed(site.path, site.line) && compareVersions(previous, value) >= 0) {
        drafts.push(...this.alreadyMoved(upgrade, pinned, chain, previous, where));
        continue;
      }
      // A chart version's comment often names the release it ships (`# controller v1.8.1`).
      const described = pinned.kind === 'chart' && upgrade.from && upgrade.to && upgrade.to !== value ? { from: upgrade.from, to: upgrade.to } : undefined;
      const result = context.session.set(site, value, files, described);
      if (!('edits' in result)) {
        left.set(chain, `${result.problem}: set ${upgrade.addon} to ${value} by hand ${where}`);
        continue;
      }
      const commands = result.edits.length > 0 || result.note ? commandsFor(pinned, value, context) : [];
      const synced = pinned.kind === 'chart' && result.edits.length > 0 ? pinned.reference.syncedBy : undefined;
      const notes = [...(result.note ? [result.note] : []), ...(synced ? [pushFirst(synced)] : [])];
      const draft = addonStep(upgrade, pinned, value, where, result.edits, commands, notes, previous);
      drafts.push(draft);
      lastStep.set(chain, draft);
    }
    return drafts;
  }

  /**
   * The step of a chain whose line an earlier environment's steps moved past it: once per chain (its
   * later steps would say the same), applying what the line holds; none for another root module,
   * which this environment does not apply (the earlier steps did it all).
   */
  private alreadyMoved(upgrade: AddonUpgrade, pinned: Pinned, chain: string, previous: string, where: string): StepDraft[] {
    const site = pinned.reference.versionSite!;
    const root = otherRoot(pinned, this.context);
    if (root) {
      this.left.set(chain, `${site.path}:${site.line} is in Terraform root module ${root}, which an earlier environment's steps in this plan upgrade to ${previous}`);
      return [];
    }
    if (this.movedLines.has(chain)) return [];
    this.movedLines.add(chain);
    const note = `${site.path}:${site.line} already holds ${previous}: an earlier environment's steps in this plan move it there. This environment takes it when it applies, skipping the releases between the one it runs (${upgrade.from ?? 'as scanned'}) and it; where ${upgrade.addon} must move one release at a time, apply here after each of those steps too.`;
    const draft = addonStep({ ...upgrade, to: undefined }, pinned, previous, where, [], commandsFor(pinned, previous, this.context), [note], upgrade.from);
    draft.title = `Apply ${upgrade.addon} ${pinned.kind === 'chart' ? 'chart ' : ''}${previous} ${where}, which ${site.path}:${site.line} already holds`;
    this.lastStep.set(chain, draft);
    return [draft];
  }

  settle(): void {
    const { context, lastStep, left, coverage } = this;
    for (const finding of context.findings.filter((entry) => ADDON_FINDINGS.has(entry.id))) {
      const addon = addonOf(finding);
      const line = pinnedLine(finding, addon, context.inventory, context.env);
      const chain = chainKey(addon, line);
      const last = lastStep.get(chain);
      const pinned = last && (line ? line.origin : pinnedAddon(addon, context)?.reference.origin);
      if (last && pinned && samePlace(finding, pinned)) last.resolves.push(coverage.resolve(finding));
      else if (left.has(chain)) coverage.leave(finding, left.get(chain)!);
      else if (last) coverage.leave(finding, `${addon} is also deployed from ${finding.origin && 'path' in finding.origin ? finding.origin.path : 'elsewhere'}: upgrade it there too`);
    }
  }
}

/** `previous`: the value the edited line held before this step. */
function addonStep(upgrade: AddonUpgrade, pinned: Pinned, value: string, where: string, edits: StepDraft['edits'], commands: string[], notes: readonly string[] = [], previous?: string): StepDraft {
  return {
    hop: upgrade.hop,
    phase: upgrade.phase,
    kind: 'addon-upgrade',
    title: `${moveTitle(upgrade)}${upgrade.to ?? value}${pinned.kind === 'chart' ? ` (chart ${value})` : ''} ${where}`,
    edits,
    commands,
    resolves: [],
    items: [upgrade.reason, ...(upgrade.notes ?? []), ...notes],
    minutes: estimate.ADDON_UPGRADE_MINUTES,
    rollback: `Set ${upgrade.addon} back to ${previous ?? upgrade.from ?? 'its previous version'}${edits.length > 0 ? ' on the same line and apply again' : ' the same way'}.`,
    result: { component: 'addon', name: upgrade.addon, version: upgrade.to ?? value, ...(pinned.kind === 'chart' ? { chart: value } : {}) },
  };
}

/** A step with no edit or command: the add-on moves at this point, by hand, where it is deployed. */
function byHand(upgrade: AddonUpgrade, where: string, why: string): StepDraft {
  return {
    hop: upgrade.hop,
    phase: upgrade.phase,
    kind: 'addon-upgrade',
    title: `${moveTitle(upgrade)}${upgrade.to}${upgrade.chart ? ` (chart ${upgrade.chart})` : ''} ${where}, by hand`,
    edits: [],
    commands: [],
    resolves: [],
    items: [upgrade.reason, ...(upgrade.notes ?? []), `${why} (see manual).`],
    minutes: estimate.ADDON_UPGRADE_MINUTES,
    rollback: `Set ${upgrade.addon} back to ${upgrade.from ?? 'its previous version'} where it is deployed.`,
    result: { component: 'addon', name: upgrade.addon, version: upgrade.to!, ...(upgrade.chart ? { chart: upgrade.chart } : {}) },
  };
}

/**
 * Where an add-on no code pins is deployed, when plain manifests deploy it: they are upgraded with the
 * release's own manifests (its CRDs, RBAC and webhooks change between releases), never by a new image
 * tag alone, so no edit is printed for them.
 */
function deployedFrom(addon: string, context: StepContext): string {
  const files = [...new Set(context.findings.filter((finding) => addonOf(finding) === addon && finding.origin?.type === 'file').map((finding) => (finding.origin as { path: string }).path))];
  if (files.length === 0) return 'where it is deployed';
  return `where it is deployed: replace ${files.join(', ')} with that release's manifests (its CRDs, RBAC and webhooks too, not the image tag alone), then apply ${files.length === 1 ? 'it' : 'them'} the way ${files.length === 1 ? 'it is' : 'they are'} applied today`;
}

function isLive(pinned: Pinned): boolean {
  const type = pinned.reference.origin.type;
  return type === 'eks' || type === 'cluster' || type === 'helm-release';
}

function addonOf(finding: Finding): string {
  // kube-proxy-skew is about the kube-proxy add-on whatever resource it names.
  if (finding.id === 'kube-proxy-skew') return 'kube-proxy';
  return String(finding.details?.addon ?? finding.resource?.name ?? '');
}

function samePlace(finding: Finding, pin: Origin): boolean {
  const place = originPlace(finding.origin);
  return place !== undefined && place === originPlace(pin);
}

function pinnedAddon(addon: string, context: StepContext): Pinned | undefined {
  const owns = (entry: { env?: string }) => entry.env === undefined || entry.env === context.env.name;
  const eksAddon = context.inventory.eksAddons.find((entry) => entry.name === addon && owns(entry));
  if (eksAddon) return { kind: 'eks-addon', reference: eksAddon };
  const chart = context.inventory.charts.find((entry) => (entry.chart === addon || entry.release === addon) && owns(entry));
  return chart ? { kind: 'chart', reference: chart } : undefined;
}

/** The command of the tooling that manages the pin. */
function commandsFor(pinned: Pinned, value: string, context: StepContext): string[] {
  const origin = pinned.reference.origin;
  if (origin.type === 'terraform') {
    const root = otherRoot(pinned, context);
    return root ? rootApplyCommands(root, context.cwd) : applyCommands(context.env, context.cwd);
  }
  if (origin.type === 'file') {
    const path = origin.path;
    if (/(^|\/)Chart\.ya?ml$/.test(path)) return [`helm dependency update ${dirname(path)}`];
    if (/helmfile/i.test(path)) return [`helmfile --file ${path}${context.env.name ? ` --environment ${context.env.name}` : ''} apply`];
    if (pinned.kind === 'eks-addon' && /cloudformation|cfn/i.test(path)) return applyCommands(context.env, context.cwd);
    if (pinned.kind === 'eks-addon') return [`eksctl update-addon --config-file ${path}`];
    // A Flux HelmRelease or an Argo CD Application: each syncs the commit; these make it happen now.
    const synced = pinned.kind === 'chart' ? pinned.reference.syncedBy : undefined;
    // Applications an ApplicationSet names per cluster: the push-first item says how to sync them.
    return synced && !namedPerCluster(synced) ? [syncCommand(synced)] : [];
  }
  if (origin.type === 'helm-release' && pinned.kind === 'chart') {
    const reference = pinned.reference;
    const oci = reference.repository?.startsWith('oci://');
    const alias = oci ? undefined : repositoryAlias(reference.repository);
    const chart = oci ? `${reference.repository!.replace(/\/$/, '')}/${reference.chart}` : alias ? `${alias}/${reference.chart}` : reference.chart;
    return [
      ...(alias && reference.repository && reference.repository !== alias ? [`helm repo add ${alias} ${reference.repository}`] : []),
      `helm upgrade ${reference.release ?? reference.chart} ${chart} --version ${value} --namespace ${origin.namespace} --reuse-values`,
    ];
  }
  if (pinned.kind === 'eks-addon') return [`aws eks update-addon${awsRegion(context.env)} --cluster-name ${clusterName(context.env)} --addon-name ${pinned.reference.name} --addon-version ${value} --resolve-conflicts PRESERVE`];
  return [];
}

/**
 * The directory of the Terraform root module that holds the pin, when that is not the
 * environment's and no environment calls it: a root of add-ons alone, which every environment's
 * plan reaches (its providers point at a cluster its code does not name).
 */
function otherRoot(pinned: Pinned, context: StepContext): string | undefined {
  const { origin, env, versionSite } = pinned.reference;
  if (origin.type !== 'terraform' || env !== undefined || versionSite?.shared?.calledModule !== undefined || inEnvironmentRoot(context.env, origin.path)) return undefined;
  return dirname(origin.path);
}

/** Flux and Argo CD apply what the Git repository holds: the edit reaches the cluster once pushed. */
function pushFirst(synced: NonNullable<ChartReference['syncedBy']>): string {
  if (namedPerCluster(synced)) {
    return `Commit and push the edit first (to the branch Argo CD follows): ApplicationSet ${synced.name} regenerates its Applications (named ${synced.generates}) from it; sync each with argocd app sync unless they sync automatically (argocd app list shows them).`;
  }
  const tool = synced.tool === 'flux' ? 'Flux' : 'Argo CD';
  return `Commit and push the edit first (to the branch ${tool} follows): ${tool} applies what the Git repository holds, and the command makes it do so now rather than at its next interval.`;
}

/**
 * The command that has Flux or Argo CD apply a pushed commit now. A HelmRelease that names no
 * namespace, in a folder no scanned Flux Kustomization targets, gets one where it is applied,
 * which the command leaves for the reader to fill in. An Application outside the namespace Argo CD usually
 * runs in (argocd) is named namespace/name, as the CLI takes an application of another namespace.
 */
function syncCommand(synced: NonNullable<ChartReference['syncedBy']>): string {
  if (synced.tool === 'flux') return `flux reconcile helmrelease ${synced.name} --namespace ${synced.namespace ?? '<namespace>'} --with-source`;
  // An ApplicationSet's Application is created in the ApplicationSet's namespace.
  return `argocd app sync ${synced.namespace && synced.namespace !== 'argocd' ? `${synced.namespace}/` : ''}${synced.generates ?? synced.name}`;
}

/** An ApplicationSet whose Applications' names hold a parameter of each cluster's ({{name}}). */
function namedPerCluster(synced: NonNullable<ChartReference['syncedBy']>): boolean {
  return synced.generates?.includes('{{') === true;
}

/** A local name for a chart repository URL: its last path segment, or its host's first label. */
function repositoryAlias(repository: string | undefined): string | undefined {
  if (!repository || !/^https?:\/\//.test(repository)) return repository;
  const url = new URL(repository);
  const segment = url.pathname.split('/').filter(Boolean).at(-1);
  return (segment && segment !== 'charts' ? segment : url.hostname.split('.')[0]).replace(/[^a-z0-9-]/gi, '-');
}

/**
 * "Upgrade cert-manager from v1.11.0 to ", or "Move argo-cd from 3.4.4 back to " for a step to an
 * older release (an add-on ahead of the cluster, or one that follows the control plane's minor).
 */
function moveTitle(upgrade: AddonUpgrade): string {
  const from = semver.coerce(upgrade.from);
  const to = semver.coerce(upgrade.to);
  const back = from !== null && to !== null && semver.lt(to, from);
  return `${back ? 'Move' : 'Upgrade'} ${upgrade.addon}${upgrade.from ? ` from ${upgrade.from}` : ''} ${back ? 'back to' : 'to'} `;
}
