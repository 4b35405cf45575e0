/** Language of the generated document. */
export type Lang = 'zh-CN' | 'en';

/** Every kind of diagram the document draws, one generator module each. */
export type DiagramKind =
  | 'org-chart'
  | 'operating-cycle'
  | 'process'
  | 'app-map'
  | 'call-graph'
  | 'soa'
  | 'er-overview'
  | 'er-category'
  | 'state-machine'
  | 'datacenters'
  | 'clusters'
  | 'layers'
  | 'roadmap';

/** Size limits above which a generator splits or summarises (quality.md). */
export interface DiagramBudget {
  /** Most nodes in one flowchart-like diagram (default 60). */
  maxNodes: number;
  /** Most edges in one diagram (default 120). */
  maxEdges: number;
  /** Most entities with attributes in one E-R diagram (default 20). */
  maxErEntities: number;
  /** Most nodes in a names-only overview (default 50). */
  maxOverviewNodes: number;
}

export const DEFAULT_BUDGET: DiagramBudget = {
  maxNodes: 60,
  maxEdges: 120,
  maxErEntities: 20,
  maxOverviewNodes: 50,
};

/** One diagram to draw: mermaid text plus what it shows. Pure data. */
export interface DiagramSpec {
  /** Stable, file-safe id, e.g. `process-booking`, `er-category-order-2`; also the figure anchor. */
  id: string;
  kind: DiagramKind;
  /** Caption in the document language. */
  title: string;
  /** mermaid source. */
  source: string;
  /** Ids of the model elements drawn (apps by six-digit id), for cache invalidation and errors. */
  elements: string[];
  /** For parts of a split diagram: the id of the overview or sibling parts it links to. */
  links?: { id: string; title: string }[];
  /** Id of the model element the diagram is about (a process, a category, a state machine...). */
  subject?: string;
  /** True when the generator summarised because the budget was exceeded. */
  summarised?: boolean;
}
