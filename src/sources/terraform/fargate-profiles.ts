// Fargate profiles of an environment: aws_eks_fargate_profile resources (their selector blocks)
// and the fargate_profiles map of the terraform-aws-modules EKS module (each profile's selectors).
import { profileNamespaces, type FargateProfileFact } from '../../core/inventory.js';
import { asObject, asText, evaluate, type Value } from './evaluate.js';
import { isCreated, originOf, resourceBlocks } from './blocks.js';
import { eksModuleBlocks } from './eks-cluster.js';
import { blocksOf } from './syntax.js';
import type { EnvironmentScope, ModuleFile } from './variables.js';

export function fargateProfiles(files: readonly ModuleFile[], scope: EnvironmentScope, env: string | undefined): FargateProfileFact[] {
  const profiles: FargateProfileFact[] = [];
  for (const found of resourceBlocks(files, (type) => type === 'aws_eks_fargate_profile')) {
    if (!isCreated(found.block, scope)) continue;
    const name = found.block.body.attributes.get('fargate_profile_name');
    const namespaces = blocksOf(found.block.body, 'selector').map((selector) => {
      const namespace = selector.body.attributes.get('namespace');
      return namespace && asText(evaluate(namespace.value, scope));
    });
    profiles.push({ name: (name && asText(evaluate(name.value, scope))) ?? found.block.labels[1]!, namespaces: profileNamespaces(namespaces), origin: originOf(found, found.block.line, env) });
  }
  for (const found of eksModuleBlocks(files)) {
    if (!isCreated(found.block, scope)) continue;
    const attribute = found.block.body.attributes.get('fargate_profiles');
    if (!attribute) continue;
    for (const [key, value] of Object.entries(asObject(evaluate(attribute.value, scope)) ?? {})) {
      const settings = asObject(value) ?? {};
      const selectors = Array.isArray(settings.selectors) ? (settings.selectors as Value[]) : [];
      profiles.push({ name: asText(settings.name) ?? key, namespaces: profileNamespaces(selectors.map((selector) => asText(asObject(selector)?.namespace))), origin: originOf(found, attribute.line, env) });
    }
  }
  return profiles;
}
