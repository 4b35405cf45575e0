import type { Diagnostic, RuleMeta } from '../diagnostics/types.js';

/** What every formatter may need besides the diagnostics themselves. */
export interface FormatterContext {
  /** Rule and phase-code metadata (SARIF rules, docs links). */
  rules: RuleMeta[];
  /** Tool name, e.g. `archgen`. */
  toolName: string;
  /** Tool version, e.g. `0.1.0`. */
  toolVersion: string;
  /** Whether to use ANSI colour (stylish only). */
  color: boolean;
  /** File text by the same path used in Diagnostic.file, for code frames; may lack a file. */
  sources: ReadonlyMap<string, string>;
  /** Absolute path of the working directory (SARIF originalUriBaseIds / uri). */
  cwd: string;
  /**
   * The manifest, as Diagnostic.file names files, when a model was found: where formats that
   * need a file for every finding (codequality) put the ones that have none.
   */
  manifestFile?: string;
  /** Absolute URL of the tool's home page (SARIF `tool.driver.informationUri`); omitted when absent. */
  informationUri?: string;
  /**
   * Absolute URL that `RuleMeta.docs` paths resolve against (SARIF `helpUri`), e.g.
   * `https://github.com/org/archgen/blob/v0.1.0/`. Without it only absolute `docs` URLs are linked.
   */
  docsBaseUri?: string;
}

/** A pure function turning diagnostics into the full text of one output format. */
export type Formatter = (diagnostics: readonly Diagnostic[], ctx: FormatterContext) => string;

/** Names accepted by `--format`. */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'codequality';
