// Helm's own template functions: include and tpl render within the chart's template set;
// lookup reads a live cluster, which `helm template` does not have, so it returns an empty map.
import type { TemplateFunction } from '../execute.js';
import { arity, text } from './arguments.js';

export const helm: Record<string, TemplateFunction> = {
  include: (args, context) => (arity('include', args, 2), context.include(text(args[0]), args[1])),
  tpl: (args, context) => (arity('tpl', args, 2), context.renderText(text(args[0]), args[1])),
  lookup: (args) => (arity('lookup', args, 4), {}),
};
