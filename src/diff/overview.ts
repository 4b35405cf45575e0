import type { Manifest, Model } from '../model/types.js';
import { diffValue, type ValueDiff } from './values.js';
import type { ElementChange } from './types.js';

/** The manifest of each side, when compared with the model (`archgen diff` always has both). */
export interface ManifestPair {
  base: Manifest;
  head: Manifest;
}

/**
 * Parts of a model that are not lists of elements but single objects: the manifest (what the
 * document says about itself and how the model is checked) and the business overview. Each is
 * one `changed` entry of the `model` area when any of its fields differs; never added or removed.
 */
export const SINGLETON_KINDS = ['manifest', 'businessOverview'] as const;
export type SingletonKind = (typeof SINGLETON_KINDS)[number];

/** Whether a change is about a singleton, which has no id of its own worth printing. */
export function isSingleton(kind: string): kind is SingletonKind {
  return (SINGLETON_KINDS as readonly string[]).includes(kind);
}

/**
 * The manifest without `include`: which files hold the model is layout, like moving an element
 * between files, and not a change to the architecture. Everything else (document metadata,
 * enterprise, rule severities, diagram budgets, the format version) is compared.
 */
function manifestFields(m: Manifest): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...m };
  delete rest['include'];
  return rest;
}

/** `business.mainBusiness` and `business.businessModel`: the scalars of the business section. */
function businessOverview(m: Model): Record<string, unknown> {
  const b = m.business ?? {};
  return {
    ...(b.mainBusiness === undefined ? {} : { mainBusiness: b.mainBusiness }),
    ...(b.businessModel === undefined ? {} : { businessModel: b.businessModel }),
  };
}

function singleton(kind: SingletonKind, before: unknown, after: unknown): ElementChange[] {
  const diff: ValueDiff = { fields: [], lists: [] };
  diffValue('', before, after, diff);
  if (diff.fields.length === 0 && diff.lists.length === 0) return [];
  return [
    {
      kind,
      id: kind,
      change: 'changed',
      ...(diff.fields.length > 0 ? { fields: diff.fields } : {}),
      ...(diff.lists.length > 0 ? { lists: diff.lists } : {}),
    },
  ];
}

/**
 * Field changes of the manifest (when given) and of the business overview, in that order. Pure.
 * Paths are dotted from the top of each: `document.version`, `rules.sync-cycle`, `mainBusiness`.
 */
export function compareOverview(
  base: Model,
  head: Model,
  manifests: ManifestPair | undefined,
): ElementChange[] {
  return [
    ...(manifests
      ? singleton('manifest', manifestFields(manifests.base), manifestFields(manifests.head))
      : []),
    ...singleton('businessOverview', businessOverview(base), businessOverview(head)),
  ];
}
