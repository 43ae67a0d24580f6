// Kubernetes objects Terraform's kubernetes provider writes (kubernetes_* resources): fix does
// not rewrite HCL, so each one whose API the target no longer serves (or deprecates) is named
// in the report's manual list with the edit to make and the state move that goes with it.
import { compareKubeVersions } from '../core/kube-version.js';
import type { CheckContext } from '../checks/types.js';
import { terraformKubernetesResource } from '../knowledge/terraform-kubernetes.js';
import { readTerraform } from '../sources/terraform/index.js';
import type { ManualMigration } from './report-types.js';
import type { Resource } from '../core/types.js';

/**
 * For each context (a target each: plan's hops), the manual migrations of the objects the Terraform
 * files write. The files are read once for all the targets: parsing them took a third of a second
 * of aws-ia/terraform-aws-eks-blueprints' plan for each hop.
 */
export async function terraformObjects(files: readonly string[], contexts: readonly CheckContext[], cwd: string): Promise<ManualMigration[][]> {
  if (files.length === 0) return contexts.map(() => []);
  const { resources } = await readTerraform(files, { cwd, objectKinds: new Set() });
  return contexts.map((context) => migrationsAt(resources, context));
}

function migrationsAt(resources: readonly Resource[], context: CheckContext): ManualMigration[] {
  const manual: ManualMigration[] = [];
  for (const resource of resources) {
    const origin = resource.origin;
    if (origin.type !== 'terraform' || !origin.address) continue;
    const [type, name] = origin.address.split('.').slice(-2);
    const row = terraformKubernetesResource(type ?? '');
    // A typed resource writes the API its type stands for; kubernetes_manifest the one it spells out.
    const api = row ? context.knowledge.apis.lookup(row.apiVersion, row.kind) : type === 'kubernetes_manifest' ? context.knowledge.apis.lookup(resource.apiVersion, resource.kind) : undefined;
    if (!api) continue;
    const removed = api.removedIn !== null && compareKubeVersions(api.removedIn, context.target) <= 0;
    const deprecated = api.deprecatedIn !== null && compareKubeVersions(api.deprecatedIn, context.target) <= 0;
    if (!removed && !deprecated) continue;
    const id = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
    const reason = !row
      ? `Terraform resource ${origin.address}: upshift fix does not rewrite HCL; at ${origin.path}:${origin.line} ${api.replacement ? `change the manifest's apiVersion from ${resource.apiVersion} to ${api.replacement} (and any fields the new version renames)` : `remove the ${resource.kind}: ${resource.apiVersion} has no successor`}, then apply it in each environment`
      : row.replacement
      ? `Terraform resource ${origin.address}: upshift fix does not rewrite HCL; at ${origin.path}:${origin.line} change resource "${type}" "${name}" to resource "${row.replacement}" "${name}"${row.note ? ` (${row.note.replace(/\.$/, '')})` : ' (same arguments)'} and rename references to it, then in each environment's state run terraform state rm ${origin.address} and terraform import ${row.replacement}.${name} ${id}`
      : `Terraform resource ${origin.address}: ${row.kind} ${row.apiVersion} has no successor; remove the resource at ${origin.path}:${origin.line}`;
    const entry: ManualMigration = { path: origin.path, line: origin.line, kind: resource.kind, apiVersion: row?.apiVersion ?? resource.apiVersion, severity: removed ? 'error' : 'warning', reason };
    if (resource.namespace) entry.namespace = resource.namespace;
    if (resource.name) entry.name = resource.name;
    if (api.replacement) entry.to = api.replacement;
    manual.push(entry);
  }
  return manual;
}
