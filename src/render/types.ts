/** The outcome of rendering one diagram to SVG. */
export interface RenderedDiagram {
  id: string;
  /**
   * SVG markup (no XML prolog, sanitised and tidied), with ids unique to this diagram. Empty when
   * `error` is set, and for a cache hit when the renderer was asked not to read cached files.
   */
  svg: string;
  /** The cached SVG file holding this diagram, when a cache folder is written. */
  file?: string;
  /** True when served from the content-hash cache without touching the browser. */
  cached: boolean;
  /** Milliseconds spent in mermaid for this diagram (0 when cached). */
  ms: number;
  /** Why it failed: mermaid's parse error, a timeout, or mermaid's "maximum text size" box. */
  error?: string;
  /** True when it failed because mermaid did not finish in time. */
  timedOut?: boolean;
}

/** Progress callback: i of n diagrams done. */
export type Progress = (done: number, total: number, id: string) => void;
