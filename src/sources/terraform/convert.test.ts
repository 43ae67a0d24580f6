// The syntax-tree conversion: every expression form the evaluator models, comments anywhere,
// bare labels, and only the parts of a block that readers use (./needs.ts).
import { describe, expect, it } from 'vitest';
import { hclParser, parseHcl } from './parse.js';
import type { Body, Expr } from './syntax.js';

async function body(text: string): Promise<Body> {
  const result = parseHcl(await hclParser(), text);
  if (!result.ok) throw new Error(result.message);
  return result.body;
}

async function locals(text: string): Promise<Record<string, Expr>> {
  const [block] = (await body(`locals {\n${text}\n}\n`)).blocks;
  return Object.fromEntries([...block.body.attributes].map(([name, attribute]) => [name, attribute.value]));
}

const ref = (root: string, ...path: (string | number)[]): Expr => ({ kind: 'reference', root, path });
const lit = (value: string | number | boolean | null): Expr => ({ kind: 'literal', value });

describe('convertBody', () => {
  it('converts literals, templates, references, calls and collections', async () => {
    expect(
      await locals(`
  text   = "a\\"b\\\\c\\n"
  hex    = 0x1F
  expo   = 1.5e3
  neg    = -3
  flags  = [true, false, null]
  name   = "\${var.prefix}-eks-\${local.env}"
  chain  = local.groups["main"].size
  legacy = var.list.0
  fn     = lookup(var.m, "k", "d")
  object = { a = 1, "b" : 2.5 }
  paren  = (var.a)`),
    ).toEqual({
      text: lit('a"b\\c\n'),
      hex: lit(31),
      expo: lit(1500),
      neg: lit(-3),
      flags: { kind: 'tuple', items: [lit(true), lit(false), lit(null)] },
      name: { kind: 'template', parts: [ref('var', 'prefix'), '-eks-', ref('local', 'env')] },
      chain: ref('local', 'groups', 'main', 'size'),
      legacy: ref('var', 'list', 0),
      fn: { kind: 'call', name: 'lookup', args: [ref('var', 'm'), lit('k'), lit('d')] },
      object: {
        kind: 'object',
        entries: [
          { key: lit('a'), value: lit(1), line: 12 },
          { key: lit('b'), value: lit(2.5), line: 12 },
        ],
      },
      paren: ref('var', 'a'),
    });
  });

  it('compares and negates references, and leaves what it does not model opaque', async () => {
    expect(
      await locals(`
  picked  = var.env == "prod" ? var.big : var.small
  ne      = "a" != local.b
  not     = !var.flag
  and     = var.a && var.b
  splat   = aws_instance.x[*].id
  forx    = [for s in var.list : upper(s)]
  heredoc = <<-EOT
    hello
  EOT
  tmpl_if = "%{ if var.x }a%{ endif }"`),
    ).toEqual({
      picked: { kind: 'conditional', condition: { kind: 'compare', operator: '==', left: ref('var', 'env'), right: lit('prod') }, then: ref('var', 'big'), otherwise: ref('var', 'small') },
      ne: { kind: 'compare', operator: '!=', left: lit('a'), right: ref('local', 'b') },
      not: { kind: 'not', operand: ref('var', 'flag') },
      and: { kind: 'opaque' },
      splat: { kind: 'opaque' },
      forx: { kind: 'opaque' },
      heredoc: { kind: 'opaque' },
      tmpl_if: { kind: 'opaque' },
    });
  });

  it('skips comments wherever they are', async () => {
    expect(
      await locals(`
  # leading
  a = 1 # trailing
  /* before */ b = { # in an object
    k = 2 // after
  }
  c = [
    "x", # in a tuple
    "y",
  ]`),
    ).toEqual({
      a: lit(1),
      b: { kind: 'object', entries: [{ key: lit('k'), value: lit(2), line: 6 }] },
      c: { kind: 'tuple', items: [lit('x'), lit('y')] },
    });
  });

  it('reads bare labels and keeps only the blocks and attributes readers use', async () => {
    const { blocks } = await body(`
variable "region" {
  type    = string
  default = "eu-west-1"
}
resource aws_eks_node_group bare {
  node_group_name = "bare"
  subnet_ids      = var.subnets
  scaling_config {
    desired_size = 2
  }
  launch_template {
    id = "lt"
  }
}
resource "helm_release" "x" {
  chart = "c"
  set {
    name  = "a"
    value = "b"
  }
  values = [yamlencode({ a = 1 })]
}
resource "aws_security_group" "sg" {
  name = "sg"
}
output "o" {
  value = 1
}
`);
    expect(blocks.map((block) => [block.type, block.labels, block.line, Object.fromEntries(block.body.attributes), block.body.blocks.map((nested) => [nested.type, Object.fromEntries(nested.body.attributes)])])).toEqual([
      ['variable', ['region'], 2, { default: { name: 'default', value: lit('eu-west-1'), line: 4 } }, []],
      ['resource', ['aws_eks_node_group', 'bare'], 6, { node_group_name: { name: 'node_group_name', value: lit('bare'), line: 7 } }, [['scaling_config', { desired_size: { name: 'desired_size', value: lit(2), line: 10 } }]]],
      ['resource', ['helm_release', 'x'], 16, { chart: { name: 'chart', value: lit('c'), line: 17 } }, []],
      // An output may print the cluster's name.
      ['output', ['o'], 27, { value: { name: 'value', value: lit(1), line: 28 } }, []],
    ]);
  });
});
