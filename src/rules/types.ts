import type { RuleSetting } from '../diagnostics/types.js';
import type { ModelGraph } from '../model/graph.js';

/** Message data substituted into `{{name}}` placeholders. */
export type MessageData = Record<string, string | number>;

/** One finding as a rule reports it: where, by element and path, never by line. */
export interface RuleReport {
  /** Key of `meta.messages`. */
  messageId: string;
  data?: MessageData;
  /** The element the finding is about: any list item of the model (top-level or one level down). */
  node: object;
  /** Path from `node` to the offending value, e.g. `['calls', 0, 'target']`. */
  path?: readonly (string | number)[];
  /** Other places that belong to the finding (e.g. the other definition of a duplicate id). */
  related?: { node: object; path?: readonly (string | number)[]; message: string }[];
  /** "Did you mean" candidates. */
  suggest?: string[];
}

/** What a rule receives besides the graph. */
export interface RuleContext {
  report(finding: RuleReport): void;
}

/** Static part of a rule. */
export interface RuleMetaDef {
  /** kebab-case id; also the file name, test name and doc page. */
  id: string;
  description: string;
  defaultSeverity: RuleSetting;
  /** Message templates with `{{name}}` placeholders. */
  messages: Record<string, string>;
}

/** A semantic rule: one module in `src/rules/<id>.ts`. Rules never set the final severity. */
export interface Rule {
  meta: RuleMetaDef;
  check(graph: ModelGraph, ctx: RuleContext): void;
}
