/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one run whose driver lists every
 * known rule and phase code, one result per diagnostic that has a file. Paths are relative to
 * `%SRCROOT%` (the working directory). GitHub rejects a whole upload when a single result has no
 * location, so diagnostics without a file become invocation notifications instead of results.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic, RelatedLocation, RuleMeta, Severity } from '../diagnostics/types.js';
import type { Formatter, FormatterContext } from './types.js';

/** `$schema` written into every log: the OASIS SARIF 2.1.0 (errata 01) schema. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The uriBaseId every artifact location is relative to. */
export const SRCROOT = '%SRCROOT%';

type Json = Record<string, unknown>;
type Level = 'error' | 'warning';

/** Formats diagnostics as a pretty-printed SARIF 2.1.0 log, ending with a newline. */
export const sarif: Formatter = (diagnostics, ctx) => {
  const sorted = sortDiagnostics(diagnostics);
  const rules = ruleList(ctx.rules, sorted);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const driver: Json = { name: ctx.toolName, version: ctx.toolVersion };
  if (ctx.informationUri) driver.informationUri = ctx.informationUri;
  driver.rules = rules.map((r) => descriptor(r, ctx));
  const run: Json = {
    tool: { driver },
    invocations: [
      invocation(
        sorted.filter((d) => d.file === ''),
        ruleIndex,
      ),
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(ctx.cwd) } },
    // Columns come from JavaScript string offsets (the yaml package), i.e. UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    results: sorted.filter((d) => d.file !== '').map((d) => result(d, ruleIndex)),
  };
  return (
    JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2) + '\n'
  );
};

/** Rules from the context (first wins on duplicate ids), then any code only seen in diagnostics. */
function ruleList(meta: readonly RuleMeta[], diagnostics: readonly Diagnostic[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const r of meta) if (!byId.has(r.id)) byId.set(r.id, r);
  const unknown = [...new Set(diagnostics.map((d) => d.code))].filter((c) => !byId.has(c)).sort();
  for (const code of unknown)
    byId.set(code, { id: code, description: code, defaultSeverity: 'error' });
  return [...byId.values()];
}

function descriptor(rule: RuleMeta, ctx: FormatterContext): Json {
  const out: Json = {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
  };
  const helpUri = rule.docs ? resolveDocs(rule.docs, ctx.docsBaseUri) : undefined;
  if (helpUri) {
    out.helpUri = helpUri;
    out.help = { text: `${rule.description}\n\nDocumentation: ${helpUri}` };
  }
  if (ctx.rules.some((r) => r.id === rule.id)) {
    out.defaultConfiguration =
      rule.defaultSeverity === 'off' ? { enabled: false } : { level: level(rule.defaultSeverity) };
  }
  return out;
}

function resolveDocs(docs: string, base: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(docs)) return docs;
  if (!base) return undefined;
  return new URL(docs, base.endsWith('/') ? base : `${base}/`).href;
}

function invocation(
  unlocated: readonly Diagnostic[],
  ruleIndex: ReadonlyMap<string, number>,
): Json {
  const out: Json = { executionSuccessful: true };
  const toNotification = (d: Diagnostic): Json => ({
    level: level(d.severity),
    message: { text: [d.message, ...notes(d)].join('\n') },
    associatedRule: { id: d.code, index: ruleIndex.get(d.code) ?? -1 },
  });
  const config = unlocated.filter((d) => d.code === 'config');
  const other = unlocated.filter((d) => d.code !== 'config');
  if (config.length > 0) out.toolConfigurationNotifications = config.map(toNotification);
  if (other.length > 0) out.toolExecutionNotifications = other.map(toNotification);
  return out;
}

function result(d: Diagnostic, ruleIndex: ReadonlyMap<string, number>): Json {
  const related = (d.related ?? []).filter((r) => r.file !== '');
  const relatedText = (d.related ?? []).map((r) => {
    const id = related.indexOf(r);
    const where = `${r.file}:${r.line}:${r.column}`;
    return `↳ also at ${id >= 0 ? `[${escapeLinkText(where)}](${id})` : where}: ${r.message}`;
  });
  const text = [escapeLinks(d.message), ...notes(d).map(escapeLinks), ...relatedText];
  const out: Json = {
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code) ?? -1,
    level: level(d.severity),
    message: { text: text.join('\n') },
    locations: [{ physicalLocation: physicalLocation(d.file, d) }],
  };
  if (related.length > 0) {
    out.relatedLocations = related.map((r, id) => ({
      id,
      physicalLocation: physicalLocation(r.file, r),
      message: { text: r.message },
    }));
  }
  out.partialFingerprints = { 'archgenFinding/v1': fingerprint(d) };
  if (d.pointer !== undefined) out.properties = { pointer: d.pointer };
  return out;
}

/** Hint and suggestions; related locations are written as SARIF links by the caller. */
function notes(d: Diagnostic): string[] {
  const lines: string[] = [];
  if (d.hint) lines.push(`hint: ${d.hint}`);
  if (d.suggest && d.suggest.length > 0) lines.push(`did you mean: ${d.suggest.join(', ')}?`);
  return lines;
}

type Position = Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> | RelatedLocation;

function physicalLocation(file: string, pos: Position): Json {
  const out: Json = { artifactLocation: artifactLocation(file) };
  if (pos.line > 0) {
    const region: Json = { startLine: pos.line };
    if (pos.column > 0) region.startColumn = pos.column;
    if ('endLine' in pos && pos.endLine !== undefined && pos.endLine >= pos.line) {
      region.endLine = pos.endLine;
    }
    if ('endColumn' in pos && pos.endColumn !== undefined && pos.endColumn > 0) {
      region.endColumn = pos.endColumn;
    }
    out.region = region;
  }
  return out;
}

function artifactLocation(file: string): Json {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file))
    return { uri: pathToFileURL(file).href };
  // encodeURI keeps `?`, `#` and `:`, which would end the path or read as a scheme.
  const uri = encodeURI(file).replace(/[?#:]/g, (ch) => encodeURIComponent(ch));
  return { uri, uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Escapes brackets that would otherwise read as a SARIF embedded link `[text](target)`. */
function escapeLinks(text: string): string {
  return text.replace(/\[([^[\]]*)\](?=\()/g, '\\[$1\\]');
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, '\\$&');
}

/** Stable across runs and line shifts: the rule, file, JSON pointer (or position) and message. */
function fingerprint(d: Diagnostic): string {
  const where = d.pointer ?? `${d.line}:${d.column}`;
  const key = [d.code, d.file, where, d.message].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function level(severity: Severity): Level {
  return severity === 'error' ? 'error' : 'warning';
}
