/**
 * The semantic difference of two models: what `archgen diff` reports in every format. The JSON
 * format prints these objects as they are (see docs/diff.md), so changes here are breaking.
 */

/**
 * Areas of the model, in the order reports show them. `model` holds the singletons compared
 * field by field: the manifest (document metadata, enterprise, rule settings) and the business
 * overview (`mainBusiness`, `businessModel`).
 */
export const AREAS = [
  'model',
  'business',
  'applications',
  'services',
  'data',
  'physical',
  'domain',
  'planning',
] as const;
export type Area = (typeof AREAS)[number];

/**
 * What happened to one element. `renamed`: the id is kept and the name changed (other fields
 * may have changed too). `reidentified`: the id changed and nothing else did.
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed' | 'reidentified';

/** One scalar that differs. `path` is dotted, keyed list items in brackets: `calls[100201].protocol`. */
export interface FieldChange {
  path: string;
  /** Absent when the field was added. */
  before?: unknown;
  /** Absent when the field was removed. */
  after?: unknown;
}

/** A list compared as a set: scalars by value, objects by their key (`calls` by target, ...). */
export interface ListChange {
  path: string;
  added: string[];
  removed: string[];
}

/** One element that differs between the two sides. */
export interface ElementChange {
  /**
   * Element kind, e.g. `application`, `entity`, `cluster` (see ELEMENT_KINDS); `term` for a
   * glossary entry; `manifest` or `businessOverview` in the `model` area.
   */
  kind: string;
  /**
   * Id in head (in base for removed elements); subsystems are line code + subsystem code,
   * glossary entries their term, and the singletons of the `model` area their kind.
   */
  id: string;
  /** Name in head (in base for removed elements). */
  name?: string;
  change: ChangeKind;
  /** Base id of a `reidentified` element. */
  previousId?: string;
  /** Base name of a `renamed` element. */
  previousName?: string;
  fields?: FieldChange[];
  lists?: ListChange[];
}

/** The changes of one area, elements in model order then by id. */
export interface AreaDiff {
  area: Area;
  changes: ElementChange[];
}

/** A call edge between applications (or to an external system) that appeared or went away. */
export interface CallEdgeChange {
  from: string;
  to: string;
  /** Names of the two ends, from head (from base for removed edges) when known. */
  fromName?: string;
  toName?: string;
  change: 'added' | 'removed';
}

/** Every element-level difference of two models. */
export interface ModelDiff {
  /** Only areas with at least one change. */
  areas: AreaDiff[];
  callEdges: CallEdgeChange[];
}
