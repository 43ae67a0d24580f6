// The HCL shapes the Terraform source works with: bodies of attributes and blocks whose
// expressions are a small tree, independent of the parser that produced them.

/** 1-based line of the construct in its file. */
export interface Located {
  line: number;
}

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: (string | Expr)[] }
  /** `var.x`, `local.y.z`, `module.eks.cluster_name`, `each.value["k"]`. */
  | { kind: 'reference'; root: string; path: (string | number)[] }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'object'; entries: ObjectEntry[] }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'compare'; operator: '==' | '!='; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  /** Anything the evaluator does not model (for expressions, arithmetic, splats). */
  | { kind: 'opaque' };

export interface ObjectEntry extends Located {
  key: Expr;
  value: Expr;
}

export interface Attribute extends Located {
  name: string;
  value: Expr;
}

export interface Block extends Located {
  type: string;
  labels: string[];
  body: Body;
}

export interface Body {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((block) => block.type === type);
}
