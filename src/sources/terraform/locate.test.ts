import { describe, expect, it } from 'vitest';
import { locateValue } from './locate.js';
import { hclParser, parseHcl } from './parse.js';
import { environmentScope, tfvarsValues } from './variables.js';

const MODULE = `variable "env" {
  type = string
}

variable "cluster_version" {
  default = "1.28"
}

variable "versions" {
  default = {}
}

locals {
  pins = {
    prod = "1.27"
    dev  = "1.29"
  }
  chosen = var.env == "prod" ? local.pins.prod : local.pins.dev
}

# The expressions under test, as a locals block keeps every attribute.
locals {
  a = coalesce(null, var.cluster_version)
  b = try(local.missing, local.pins.dev)
  c = lookup(local.pins, var.env, "1.30")
  d = local.chosen
  e = tostring(var.versions)
}
`;

async function scopeFor(tfvars: string) {
  const parser = await hclParser();
  const module = parseHcl(parser, MODULE);
  const values = parseHcl(parser, tfvars);
  if (!module.ok || !values.ok) throw new Error('fixture does not parse');
  const scope = environmentScope([{ path: 'main.tf', body: module.body }], tfvarsValues(values.body, 'prod.tfvars'), 'prod');
  const attributes = module.body.blocks.filter((block) => block.type === 'locals')[1].body.attributes;
  return { scope, attribute: (name: string) => attributes.get(name)! };
}

describe('locateValue', () => {
  it('follows variables, locals, coalesce, try, lookup and conditionals to the line that sets the value', async () => {
    const { scope, attribute } = await scopeFor('env = "prod"\ncluster_version = "1.28"\n');
    const at = (name: string) => locateValue(attribute(name).value, { path: 'main.tf', line: attribute(name).line }, scope, true);
    expect(at('a')).toEqual({ path: 'prod.tfvars', line: 2, value: '1.28' });
    expect(at('b')).toEqual({ path: 'main.tf', line: 16, value: '1.29', shared: {} });
    expect(at('c')).toEqual({ path: 'main.tf', line: 15, value: '1.27', shared: {} });
    expect(at('d')).toEqual({ path: 'main.tf', line: 15, value: '1.27', shared: {} });
    // A map variable's value has no line of its own.
    expect(at('e')).toBeUndefined();
  });

  it('says when the value is a variable default every environment shares', async () => {
    const { scope, attribute } = await scopeFor('env = "dev"\n');
    expect(locateValue(attribute('a').value, { path: 'main.tf', line: attribute('a').line }, scope, true)).toEqual({ path: 'main.tf', line: 6, value: '1.28', shared: { variable: 'cluster_version' } });
    expect(locateValue(attribute('c').value, { path: 'main.tf', line: attribute('c').line }, scope, true)).toEqual({ path: 'main.tf', line: 16, value: '1.29', shared: {} });
  });
});
