/**
 * The report view model: a plain, fully prepared description of the architecture document.
 * Templates (HTML and Markdown) only lay it out; every decision about content, order, numbering,
 * links and escaping of Markdown descriptions is made when it is built (`buildViewModel`).
 * Strings are raw model text unless a field says otherwise: renderers escape them.
 */
import type { DiagramKind, Lang } from '../diagrams/types.js';

/** The kinds of model elements that get an anchor `#<kind>-<id>` in the document. */
export type ElementKind =
  | 'party'
  | 'competitor'
  | 'org'
  | 'stage'
  | 'process'
  | 'step'
  | 'role'
  | 'module'
  | 'function'
  | 'line'
  | 'subsystem'
  | 'logic'
  | 'app'
  | 'ext'
  | 'center'
  | 'service'
  | 'category'
  | 'entity'
  | 'db'
  | 'sm'
  | 'state'
  | 'region'
  | 'dc'
  | 'network'
  | 'cluster'
  | 'domain'
  | 'term'
  | 'concept'
  | 'principle'
  | 'decision'
  | 'layer'
  | 'phase'
  | 'workitem';

/**
 * A link inside the document. `href` is a fragment (`#app-100206`), or '' when the target is not
 * in the document (the renderers then show the text alone).
 */
export interface Link {
  text: string;
  href: string;
  /** Tooltip, e.g. the element id when `text` is its name. */
  title?: string;
}

/** What a table cell holds. */
export type CellValue =
  { kind: 'text'; text: string } | { kind: 'link'; link: Link } | { kind: 'links'; links: Link[] };

/** One table cell with its presentation flags. */
export type Cell = CellValue & {
  /** Right-aligned number. */
  num?: boolean;
  /** Drawn with emphasis (e.g. a duplication count above 1, a ratio below plan). */
  highlight?: boolean;
  /** Shown in a monospace face (ids, codes). */
  code?: boolean;
};

/** The model element a table row stands for: the row carries its anchor. */
export interface RowElement {
  kind: ElementKind;
  id: string;
  name: string;
  /** `<kind>-<id>`, without `#`. */
  anchor: string;
}

/** A table row. */
export interface Row {
  cells: Cell[];
  /** Set when the row is the canonical place of a model element. */
  element?: RowElement;
  highlight?: boolean;
}

/** A column header. */
export interface HeaderCell {
  text: string;
  /** Link target for matrix column headers (e.g. a service center). */
  href?: string;
  num?: boolean;
}

/** A paragraph of (sanitised) Markdown text. */
export interface ParagraphBlock {
  type: 'paragraph';
  /** Sanitised HTML (markdown-it, raw HTML off, links restricted, images as alt text). */
  html: string;
  /** The same text as safe Markdown (HTML escaped, unsafe links and images removed). */
  markdown: string;
}

/** A numbered table. */
export interface TableBlock {
  type: 'table';
  /** e.g. `3-2`: chapter number and position in the chapter. */
  number: string;
  /** `tab-3-2`. */
  anchor: string;
  caption: string;
  headers: HeaderCell[];
  rows: Row[];
  /** Many columns: drawn in a smaller face. */
  wide?: boolean;
  /** A matrix (row x column marks): centred cells, rotated-free compact headers. */
  matrix?: boolean;
  /** A legend printed under the table (plain text). */
  note?: string;
}

/** A numbered figure: one diagram, drawn from its SVG (HTML) or mermaid source (Markdown). */
export interface FigureBlock {
  type: 'figure';
  number: string;
  /** `fig-<diagram id>`. */
  anchor: string;
  diagramId: string;
  diagramKind: DiagramKind;
  title: string;
  /** For split diagrams: the overview and sibling parts. */
  parts: Link[];
  summarised: boolean;
}

/** What a section holds, in order. */
export type Block = ParagraphBlock | TableBlock | FigureBlock;

/** A numbered section (level 2) or subsection (level 3). */
export interface Section {
  id: string;
  /** e.g. `3.2` or `3.7.1`. */
  number: string;
  title: string;
  /** `sec-3-2`. */
  anchor: string;
  blocks: Block[];
  subsections: Section[];
}

/** A numbered chapter; empty ones are left out of the document. */
export interface Chapter {
  id: ChapterId;
  /** `1`..`9`, or `A` for the appendix. */
  number: string;
  title: string;
  /** `ch-<id>`. */
  anchor: string;
  sections: Section[];
}

/** The chapters of product.md "The document", in order. */
export type ChapterId =
  | 'control'
  | 'vision'
  | 'business'
  | 'application'
  | 'soa'
  | 'data'
  | 'technology'
  | 'domain'
  | 'gap'
  | 'appendix';

/** One line of the table of contents. */
export interface TocEntry {
  number: string;
  title: string;
  anchor: string;
  /** 1 = chapter, 2 = section, 3 = subsection. */
  level: number;
  children: TocEntry[];
}

/** One entry of the in-page search index. */
export interface SearchEntry {
  id: string;
  name: string;
  kind: ElementKind;
  /** The kind in the document language. */
  kindLabel: string;
  /** Without `#`. */
  anchor: string;
}

/** One change-log entry (strings, '' when not given). */
export interface ChangeEntry {
  version: string;
  date: string;
  author: string;
  summary: string;
}

/** Cover and document-control data. */
export interface DocumentMeta {
  title: string;
  version: string;
  /** ISO date shown on the cover. */
  date: string;
  authors: string[];
  changelog: ChangeEntry[];
  enterprise: { name: string; description?: ParagraphBlock };
}

/** The whole document, ready for the HTML and Markdown templates. */
export interface ReportViewModel {
  lang: Lang;
  meta: DocumentMeta;
  /** Every fixed text of the page chrome (cover, TOC, search, captions) in the document language. */
  ui: Record<string, string>;
  chapters: Chapter[];
  toc: TocEntry[];
  figures: { number: string; title: string; anchor: string }[];
  tables: { number: string; caption: string; anchor: string }[];
  searchIndex: SearchEntry[];
}
