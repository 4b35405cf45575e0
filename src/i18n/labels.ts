/**
 * Every fixed text of the generated document (chapter and section headings, table captions,
 * column headers, page chrome) in the two document languages. `en` defines the keys; `zh-CN`
 * must translate every one of them (checked by the compiler).
 */
import type { Lang } from '../diagrams/types.js';
import { en, type LabelKey } from './en.js';
import { zh } from './zh-CN.js';

/** A key of the label dictionary (defined by `en`). */
export type { LabelKey } from './en.js';

const dictionaries: Record<Lang, Record<LabelKey, string>> = { en, 'zh-CN': zh };

/**
 * The label `key` in `lang`, with `{name}` placeholders replaced from `vars`.
 * Placeholders without a value are left as they are.
 */
export function label(lang: Lang, key: LabelKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Every label with the given prefix (e.g. `ui.`), keyed without the prefix: page chrome for templates. */
export function labelsWithPrefix(lang: Lang, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(dictionaries[lang])) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = text;
  }
  return out;
}
