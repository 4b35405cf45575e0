import { KIND_LABELS, type IdKind } from '../model/graph.js';
import { isSingleton } from './overview.js';
import type { DiffSummary } from './report.js';
import type { ElementChange, FieldChange, ListChange } from './types.js';

/** Short labels people use in review comments. */
const SHORT: Partial<Record<string, string>> = {
  application: 'app',
  externalSystem: 'external system',
  term: 'glossary term',
  manifest: 'manifest',
  businessOverview: 'business overview',
};

/** `app`, `entity`, `service center`. */
export function kindLabel(kind: string): string {
  return SHORT[kind] ?? KIND_LABELS[kind as IdKind] ?? kind;
}

/** A value as people read it: strings bare, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return word.endsWith('ry') ? `${n} ${word.slice(0, -1)}ies` : `${n} ${word}s`;
}

/** List names whose items are not named by dropping an `s`. */
const ITEM_NOUNS: Partial<Record<string, string>> = { changelog: 'changelog entry' };

/** `calls` → `call`: the singular of a list name for counts. */
function singular(name: string): string {
  return ITEM_NOUNS[name] ?? (name.endsWith('s') ? name.slice(0, -1) : name);
}

/** Sentences for one list that changed: "now calls x", "gained 2 attributes: a, b". */
export function phraseList(l: ListChange): string[] {
  const out: string[] = [];
  const add = l.added.join(', ');
  const rem = l.removed.join(', ');
  const verbs: Partial<Record<string, [string, string]>> = {
    calls: ['now calls', 'no longer calls'],
    uses: ['now uses database', 'no longer uses database'],
    deployedOn: ['now deployed on', 'no longer deployed on'],
    dependsOn: ['now depends on', 'no longer depends on'],
    entities: ['now holds entity', 'no longer holds entity'],
  };
  const verb = verbs[l.path];
  if (verb) {
    if (l.added.length > 0) out.push(`${verb[0]} ${add}`);
    if (l.removed.length > 0) out.push(`${verb[1]} ${rem}`);
    return out;
  }
  const name = singular(
    l.path
      .split('.')
      .pop()
      ?.replace(/\[.*\]$/, '') ?? l.path,
  );
  const where = l.path.includes('.') ? `${l.path}: ` : '';
  if (l.added.length > 0) out.push(`${where}gained ${plural(l.added.length, name)}: ${add}`);
  if (l.removed.length > 0) out.push(`${where}lost ${plural(l.removed.length, name)}: ${rem}`);
  return out;
}

/** "capacity.implemented 12 -> 16", "owner set to rd", "note removed (was x)". */
export function phraseField(f: FieldChange): string {
  if (!('before' in f)) return `${f.path} set to ${show(f.after)}`;
  if (!('after' in f)) return `${f.path} removed (was ${show(f.before)})`;
  return `${f.path} ${show(f.before)} -> ${show(f.after)}`;
}

/** Who a change is about: `app 100206`; a singleton of the model area by its label alone. */
export function subject(c: Pick<ElementChange, 'kind' | 'id'>): string {
  return isSingleton(c.kind) ? kindLabel(c.kind) : `${kindLabel(c.kind)} ${c.id}`;
}

/** The headline of one change: `app 100206 Settlement center added`. */
export function headline(c: ElementChange): string {
  const who = subject(c);
  switch (c.change) {
    case 'added':
      return `${who}${c.name ? ` ${c.name}` : ''} added`;
    case 'removed':
      return `${who}${c.name ? ` ${c.name}` : ''} removed`;
    case 'renamed':
      return `${who} renamed ${c.previousName ?? '(no name)'} -> ${c.name ?? '(no name)'}`;
    case 'reidentified':
      return `${kindLabel(c.kind)} ${c.previousId ?? '?'} is now ${c.id}${c.name ? ` (${c.name})` : ''}, otherwise unchanged`;
    case 'changed':
      return `${who}${c.name ? ` ${c.name}` : ''} changed`;
  }
}

/** The detail sentences of one change, lists first. The name change is in the headline. */
export function details(c: ElementChange): string[] {
  return [
    ...(c.lists ?? []).flatMap(phraseList),
    ...(c.fields ?? [])
      .filter((f) => !(c.change === 'renamed' && f.path === 'name'))
      .map(phraseField),
  ];
}

/** "3 added, 1 removed, 2 changed, 1 renamed": only the non-zero counts. */
export function changeCounts(s: DiffSummary): string {
  const parts = [
    [s.added, 'added'],
    [s.removed, 'removed'],
    [s.changed, 'changed'],
    [s.renamed, 'renamed'],
    [s.reidentified, 'id changed'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  return shown.length > 0 ? shown.join(', ') : 'no element changes';
}

/** "1 new error, 2 new warnings, 3 fixed". */
export function problemCounts(s: DiffSummary): string {
  const fixed = s.fixedErrors + s.fixedWarnings;
  const parts = [
    s.newErrors > 0 ? plural(s.newErrors, 'new error') : '',
    s.newWarnings > 0 ? plural(s.newWarnings, 'new warning') : '',
    fixed > 0 ? `${fixed} fixed` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no new problems';
}
