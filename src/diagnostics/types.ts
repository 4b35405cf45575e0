/** How serious a finding is. `off` exists only in configuration, never on a diagnostic. */
export type Severity = 'error' | 'warn';

/** A configured severity for a rule. */
export type RuleSetting = Severity | 'off';

/** Fixed codes for problems that are not semantic rule findings. */
export type PhaseCode = 'yaml-syntax' | 'schema' | 'io' | 'config' | 'render';

/** Another place that belongs to a finding (e.g. the first definition of a duplicate id). */
export interface RelatedLocation {
  /** Path of the file, relative to the current working directory, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  message: string;
}

/**
 * One problem, from any phase: YAML syntax, schema, semantic rules, I/O, rendering.
 * Lines and columns are 1-based (as in SARIF, GitHub annotations and ESLint); a diagnostic
 * about a flag or the whole run has no file and line 0.
 */
export interface Diagnostic {
  /** Rule id or phase code, e.g. `ref-resolves`, `schema`, `yaml-syntax`. */
  code: string;
  severity: Severity;
  message: string;
  /** File relative to the current working directory ('' when the problem has no file). */
  file: string;
  /** 1-based start line (0 when unknown). */
  line: number;
  /** 1-based start column (0 when unknown). */
  column: number;
  /** 1-based end line, inclusive. */
  endLine?: number;
  /** 1-based end column, exclusive. */
  endColumn?: number;
  /** JSON pointer of the offending node inside its file, e.g. `/applications/2/calls/0/target`. */
  pointer?: string;
  /** Message template id of the rule that produced it. */
  messageId?: string;
  related?: RelatedLocation[];
  /** Near misses for an unresolved name ("did you mean"). */
  suggest?: string[];
  /** A short hint on how to fix it. */
  hint?: string;
}

/** Static description of a rule or phase code, used by formatters (SARIF) and `archgen rules`. */
export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: RuleSetting;
  /** Link to the rule's documentation page, relative to the package root. */
  docs?: string;
}
