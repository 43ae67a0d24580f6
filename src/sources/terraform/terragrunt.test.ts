import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hclParser, parseHcl } from './parse.js';
import { terragruntUnit, unitNames } from './terragrunt.js';

async function unitOf(file: string, text: string) {
  const parsed = parseHcl(await hclParser(), text);
  if (!parsed.ok) throw new Error(parsed.message);
  return terragruntUnit(resolve(file), parsed.body, file);
}

describe('terragrunt.hcl units', () => {
  it('apply the local module their source names, with their inputs as values at their lines', async () => {
    const unit = await unitOf('live/dev/eks/terragrunt.hcl', 'terraform {\n  source = "../../../modules//eks?ref=v1"\n}\n\ninputs = {\n  environment     = "dev"\n  cluster_version = "1.29"\n}\n');
    expect(unit?.module).toBe(resolve('modules/eks'));
    expect([...unit!.values].map(([name, set]) => [name, set.value, set.origin.line])).toEqual([['environment', 'dev', 6], ['cluster_version', '1.29', 7]]);
  });

  it('are not read from registry or git sources, nor from a root configuration without a source', async () => {
    expect(await unitOf('live/dev/terragrunt.hcl', 'terraform {\n  source = "tfr:///terraform-aws-modules/eks/aws?version=20.0.0"\n}\n')).toBeUndefined();
    expect(await unitOf('live/dev/terragrunt.hcl', 'terraform {\n  source = "git::https://example.com/modules.git//eks"\n}\n')).toBeUndefined();
    expect(await unitOf('live/terragrunt.hcl', 'remote_state {\n  backend = "s3"\n}\n')).toBeUndefined();
  });

  it('are named by the folder that tells them apart', () => {
    const unit = (file: string) => ({ file: resolve(file), module: resolve('modules/eks'), values: new Map() });
    expect(unitNames([unit('live/dev/eks/terragrunt.hcl'), unit('live/prod/eks/terragrunt.hcl')], process.cwd())).toEqual(['dev', 'prod']);
    expect(unitNames([unit('live/dev/terragrunt.hcl')], process.cwd())).toEqual(['dev']);
    expect(unitNames([unit('live/terragrunt.hcl'), unit('live/dev/terragrunt.hcl')], process.cwd())).toEqual(['live', 'dev']);
  });
});
