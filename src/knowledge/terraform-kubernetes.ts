// Which Kubernetes API each Terraform kubernetes_* resource type writes (data/terraform-kubernetes.yaml).
import { readFileSync } from 'node:fs';
import { yamlLibrary } from '../sources/yaml-library.js';
import * as z from 'zod/mini';
import { decodePlainYaml } from '../sources/plain-yaml.js';
import { BUNDLED_DATA_DIR, KnowledgeError } from './load.js';
import { locateIssue } from '../core/schema-issue.js';

const rowSchema = z.strictObject({
  type: z.string().check(z.regex(/^kubernetes_[a-z0-9_]+$/, 'expected a kubernetes provider resource type')),
  apiVersion: z.string(),
  kind: z.string(),
  replacement: z.optional(z.string()),
  note: z.optional(z.string()),
  source: z.string().check(z.regex(/^https?:\/\/\S+$/, 'expected an http(s) URL naming where the fact comes from')),
});

const fileSchema = z.strictObject({ knowledgeDate: z.string(), resources: z.array(rowSchema) });

export type TerraformResourceRow = z.infer<typeof rowSchema>;

const FILE = BUNDLED_DATA_DIR + 'terraform-kubernetes.yaml';
let rows: Map<string, TerraformResourceRow> | undefined;

/** The row for a resource type such as kubernetes_ingress, if upshift knows what it writes. */
export function terraformKubernetesResource(type: string): TerraformResourceRow | undefined {
  rows ??= loadRows();
  return rows.get(type);
}

function loadRows(): Map<string, TerraformResourceRow> {
  const text = readFileSync(FILE, 'utf8');
  // The fast decoder yields what `parse` would at a fraction of a cold parser's start-up cost.
  const result = z.safeParse(fileSchema, decodePlainYaml(text, 0, text.length) ?? yamlLibrary().parse(text, { version: '1.1' }));
  if (!result.success) throw new KnowledgeError(`knowledge file ${FILE}: ${result.error.issues.map((issue) => locateIssue(issue)).join('; ')}`);
  return new Map(result.data.resources.map((row) => [row.type, row]));
}
