import { closest } from 'fastest-levenshtein';
import type { Diagnostic, RuleMeta, RuleSetting, Severity } from '../diagnostics/types.js';
import type { LoadedModel } from '../load/index.js';
import { toPointer } from '../load/source-file.js';
import type { ModelGraph } from '../model/graph.js';
import { rules } from './index.js';
import type { MessageData, Rule, RuleReport } from './types.js';

/** Codes of the phases that are not rules, with their metadata (for SARIF and `archgen rules`). */
export const PHASE_META: RuleMeta[] = [
  {
    id: 'yaml-syntax',
    description: 'YAML that does not parse (syntax, tabs, duplicate keys).',
    defaultSeverity: 'error',
  },
  {
    id: 'schema',
    description: 'Shape, type, enum, required-field and unknown-key errors against schema/*.json.',
    defaultSeverity: 'error',
  },
  {
    id: 'io',
    description:
      'Unreadable, binary, oversized or too deeply nested files; includes leaving the model folder.',
    defaultSeverity: 'error',
  },
  {
    id: 'config',
    description:
      'Problems in the manifest settings or command-line flags (unknown rule ids, bad values).',
    defaultSeverity: 'error',
  },
  {
    id: 'render',
    description: 'A diagram or document that could not be rendered.',
    defaultSeverity: 'error',
  },
];

/** Rules reported by the loader rather than by a rule module, with their metadata. */
const LOADER_RULES: RuleMeta[] = [
  {
    id: 'include-matches',
    description: 'An include glob matches no file.',
    defaultSeverity: 'warn',
    docs: 'docs/rules/include-matches.md',
  },
];

/** Metadata of every rule and phase code, sorted by id. */
export function allRuleMetas(): RuleMeta[] {
  const fromRules = Object.values(rules).map((r) => ({
    id: r.meta.id,
    description: r.meta.description,
    defaultSeverity: r.meta.defaultSeverity,
    docs: `docs/rules/${r.meta.id}.md`,
  }));
  return [...fromRules, ...LOADER_RULES, ...PHASE_META].sort((a, b) => a.id.localeCompare(b.id));
}

/** The effective severity of each rule id: defaults overridden by the manifest's `rules:`. */
export function effectiveSettings(
  config: Record<string, RuleSetting> | undefined,
): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const m of [...Object.values(rules).map((r) => r.meta), ...LOADER_RULES])
    settings.set(m.id, m.defaultSeverity);
  for (const [id, value] of Object.entries(config ?? {}))
    if (settings.has(id)) settings.set(id, value);
  return settings;
}

/** Diagnostics for rule ids in the manifest's `rules:` that no rule has, with near misses. */
export function checkRuleConfig(loaded: LoadedModel): Diagnostic[] {
  const known = [...effectiveSettings(undefined).keys()];
  const out: Diagnostic[] = [];
  for (const id of Object.keys(loaded.manifest.rules ?? {})) {
    if (known.includes(id)) continue;
    const pointer = toPointer(['rules', id]);
    const r = loaded.manifestFile.locate(pointer, true);
    out.push({
      code: 'config',
      severity: 'error',
      message: `unknown rule \`${id}\` in \`rules\``,
      file: loaded.manifestFile.path,
      line: r.line,
      column: r.column,
      pointer,
      suggest: [closest(id, known)],
      hint: 'run `archgen rules` for the list of rule ids',
    });
  }
  return out;
}

/**
 * Applies configured severities to diagnostics whose code is a rule id (phase codes keep theirs);
 * findings of rules set to `off` are dropped.
 */
export function applySeverities(
  list: readonly Diagnostic[],
  settings: Map<string, RuleSetting>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of list) {
    const s = settings.get(d.code);
    if (s === undefined) out.push(d);
    else if (s !== 'off') out.push({ ...d, severity: s });
  }
  return out;
}

/**
 * Findings listed per rule. A model with a million copies of one id would otherwise print (and
 * hold, and locate) a million findings; past this many the rest are counted in one more finding.
 */
export const MAX_REPORTS_PER_RULE = 1_000;

/** Runs every rule that is not off over the graph and turns its reports into located diagnostics. */
export function runRules(
  loaded: LoadedModel,
  graph: ModelGraph,
  settings: Map<string, RuleSetting>,
  maxPerRule = MAX_REPORTS_PER_RULE,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of Object.values(rules)) {
    const severity = settings.get(rule.meta.id) ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    let reported = 0;
    rule.check(graph, {
      report: (f) => {
        if (++reported <= maxPerRule) out.push(toDiagnostic(loaded, rule, f, severity));
      },
    });
    if (reported > maxPerRule) {
      const more = (reported - maxPerRule).toLocaleString('en-US');
      out.push({
        code: rule.meta.id,
        severity,
        message: `${more} more \`${rule.meta.id}\` findings are not listed (only the first ${maxPerRule.toLocaleString('en-US')} of each rule are)`,
        file: '',
        line: 0,
        column: 0,
        hint: 'fix the ones listed first: they often share one cause',
      });
    }
  }
  return out;
}

function toDiagnostic(
  loaded: LoadedModel,
  rule: Rule,
  f: RuleReport,
  severity: Severity,
): Diagnostic {
  const template = rule.meta.messages[f.messageId] ?? f.messageId;
  const place = locate(loaded, f.node, f.path);
  return {
    code: rule.meta.id,
    severity,
    message: fill(template, f.data),
    messageId: f.messageId,
    ...place,
    ...(f.related && f.related.length > 0
      ? {
          related: f.related.map((r) => ({
            ...strip(locate(loaded, r.node, r.path)),
            message: r.message,
          })),
        }
      : {}),
    ...(f.suggest && f.suggest.length > 0 ? { suggest: f.suggest } : {}),
  };
}

function locate(
  loaded: LoadedModel,
  node: object,
  path: readonly (string | number)[] | undefined,
): Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'pointer'> {
  const origin = loaded.origins.get(node);
  if (!origin) return { file: '', line: 0, column: 0 };
  const pointer = origin.pointer + toPointer(path ?? []);
  const r = origin.file.locate(pointer);
  return {
    file: origin.file.path,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    pointer,
  };
}

function strip(p: { file: string; line: number; column: number }): {
  file: string;
  line: number;
  column: number;
} {
  return { file: p.file, line: p.line, column: p.column };
}

/** Substitutes `{{name}}` placeholders. */
export function fill(template: string, data: MessageData | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) =>
    data && name in data ? String(data[name]) : m,
  );
}
