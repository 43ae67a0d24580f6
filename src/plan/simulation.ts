// The output of `upshift simulate -o json` (CLI.md), read back so the plan can use simulated
// rollout times and the HTML report can draw the rollout timeline.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { UsageError } from '../core/errors.js';
import { locateIssue } from '../core/schema-issue.js';

const simulationSchema = z.object({
  nodeGroups: z.array(
    z.object({
      name: z.string(),
      nodes: z.number(),
      maxUnavailable: z.optional(z.string()),
      durationSeconds: z.number(),
      failed: z.optional(z.boolean()),
      // A failing rollout has blockers no PDB caused (pdb: null) and nodes never drained or
      // terminated (null): simulate writes them so, and they are read back as such.
      blockers: z.optional(z.array(z.object({ pod: z.string(), pdb: z.optional(z.nullable(z.string())), node: z.optional(z.string()), atSeconds: z.optional(z.number()), outcome: z.optional(z.string()), reason: z.optional(z.string()) }))),
      timeline: z.optional(z.array(z.object({ node: z.string(), cordonAt: z.number(), drainedAt: z.nullable(z.number()), terminatedAt: z.nullable(z.number()) }))),
    }),
  ),
});

export type Simulation = z.infer<typeof simulationSchema>;

export function readSimulation(file: string): Simulation {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--simulation ${file}: cannot read the file; give the output of \`upshift simulate -o json\``);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--simulation ${file}: not JSON (${(error as Error).message}); give the output of \`upshift simulate -o json\``);
  }
  const parsed = simulationSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--simulation ${file}: ${locateIssue(issue)}; expected the shape of \`upshift simulate -o json\``);
  }
  return parsed.data;
}
