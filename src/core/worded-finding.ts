// Findings whose message is worded each time it is read, from the finding's own fields, rather
// than kept as text. A large estate makes a few findings per workload (pdb-missing,
// zone-spread-missing, liveness-probe-missing...) and keeps them all until the report is made:
// on the bench's 20k estate their messages were 8 MB of the scan's 41 MB of live heap, the
// larger part of what made its memory grow faster than its input. Worded, each finding keeps a
// pointer to a function instead, and a report writes each message as it goes.
//
// To every reader the message is an ordinary enumerable property, third after id and severity
// as in every other finding: JSON.stringify, spreads, Object.keys and equality in tests see a
// plain string. The wording itself is kept under a symbol that is not enumerable, so no copy or
// output carries it.
import type { Finding } from './types.js';

/** Words a finding's message from its resource and details (never from anything else, which it would keep alive). */
export type Wording = (finding: Finding) => string;

const WORDING = Symbol('wording');

interface Worded {
  readonly [WORDING]: Wording;
}

// One getter and one setter for every worded finding: V8 then gives them all one hidden class.
// (A getter per wording, on objects made the same way, sends each object past the first to a
// dictionary of its own.)
const MESSAGE: PropertyDescriptor = {
  get(this: Finding & Worded): string {
    return this[WORDING](this);
  },
  // A caller that sets the message (to redact it, say) gets a plain property holding its text.
  set(this: Finding, text: string) {
    Object.defineProperty(this, 'message', { value: text, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};

/** The finding of `fields`, its message worded by `wording` whenever it is read. */
export function wordedFinding(fields: Omit<Finding, 'message'>, wording: Wording): Finding {
  return new (WordedFinding as unknown as new (fields: Omit<Finding, 'message'>, wording: Wording) => Finding)(fields, wording);
}

// A constructor rather than a literal given its properties afterwards: V8 sizes a constructor's
// objects to hold every field it sets, where a literal takes a property array for the fields
// added to it (126 bytes a finding against 72 in a heap snapshot of the bench's 20k estate, which
// keeps 36,000 of them). Its prototype is Object.prototype: to every reader a worded finding is a
// plain object.
function WordedFinding(this: Finding & Worded, fields: Omit<Finding, 'message'>, wording: Wording): void {
  this.id = fields.id;
  this.severity = fields.severity;
  Object.defineProperty(this, 'message', MESSAGE);
  if (fields.resource) this.resource = fields.resource;
  if (fields.origin) this.origin = fields.origin;
  if (fields.environments) this.environments = fields.environments;
  if (fields.details) this.details = fields.details;
  Object.defineProperty(this, WORDING, { value: wording });
}
WordedFinding.prototype = Object.prototype;

/** Whether the finding's message is worded when read (and so holds no text to copy or trim). */
export function isWorded(finding: Finding): boolean {
  return Object.hasOwn(finding, WORDING);
}
