import type { Document, LineCounter, Node } from 'yaml';
import { yaml } from './libs.js';

/** A 1-based source range. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Splits a JSON pointer (`/a/0/b~1c`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into a JSON pointer, escaping `~` and `/`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * One loaded YAML file: its text, its parsed data, and a way to find where a JSON pointer sits
 * in the text. Positions come from a second parse with the `yaml` package, done lazily and only
 * for files that have something to report: the common case (a clean file) pays only for the
 * fast parse.
 */
export class SourceFile {
  private doc: Document.Parsed | undefined;
  private counter: LineCounter | undefined;
  #text: string | (() => string);
  /** Ranges already located, by pointer (see {@link SourceFile.keepRanges}). */
  #ranges: Map<string, SourceRange> | undefined;

  /**
   * @param path path shown to users: relative to the working directory, `/` separators
   * @param absPath absolute path on disk
   * @param text file text (BOM removed), or how to get it when first needed
   * @param data parsed value (undefined when the file did not parse)
   */
  constructor(
    readonly path: string,
    readonly absPath: string,
    text: string | (() => string),
    public data: unknown,
  ) {
    this.#text = text;
  }

  /** The file text (BOM removed, lone CRs as LF). */
  get text(): string {
    if (typeof this.#text === 'function') this.#text = this.#text();
    return this.#text;
  }

  /**
   * Remembers every range {@link locate} finds in `ranges`, and answers from it: the parse
   * cache keeps the ranges found in a text, so findings in an unchanged file are placed without
   * parsing it again. A range depends only on the text and the pointer.
   */
  keepRanges(ranges: Map<string, SourceRange>): void {
    this.#ranges = ranges;
  }

  /** Hands over an already-parsed `yaml` document (the slow path parses with positions anyway). */
  adoptDocument(doc: Document.Parsed, counter: LineCounter): void {
    this.doc = doc;
    this.counter = counter;
  }

  /** 1-based line and column of a 0-based character offset. */
  position(offset: number): { line: number; column: number } {
    const { counter } = this.ensureDoc();
    const p = counter.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line, column: p.col };
  }

  /**
   * Where a JSON pointer sits. When `atKey` is set, the range of the key naming the node (for
   * unknown-key findings). A pointer that goes past what exists (a missing required key) gives
   * the deepest node that does exist.
   */
  locate(pointer: string, atKey = false): SourceRange {
    const key = `${atKey ? 'k' : 'v'}${pointer}`;
    const known = this.#ranges?.get(key);
    if (known) return { ...known };
    const range = this.findRange(pointer, atKey);
    this.#ranges?.set(key, { ...range });
    return range;
  }

  private findRange(pointer: string, atKey: boolean): SourceRange {
    const { doc } = this.ensureDoc();
    const { isMap, isPair, isScalar, isSeq } = yaml();
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const seg of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === seg);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        keyNode = undefined;
        node = item;
      } else break;
    }
    // An empty value (`key:` and nothing) has a zero-width range at the end of the line: the
    // key says better where the problem is.
    const empty =
      isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
    const target = ((atKey || empty) && keyNode ? keyNode : node) as Node | null | undefined;
    const range = target && 'range' in target && target.range ? target.range : undefined;
    const from = range?.[0] ?? 0;
    const to = range?.[1] ?? from;
    const start = this.position(from);
    const end = this.position(to > from ? to : from);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  private ensureDoc(): { doc: Document.Parsed; counter: LineCounter } {
    if (!this.doc || !this.counter) {
      const { LineCounter, parseDocument } = yaml();
      const counter = new LineCounter();
      this.doc = parseDocument(this.text, {
        lineCounter: counter,
        schema: 'core',
        uniqueKeys: false,
        prettyErrors: false,
      });
      this.counter = counter;
    }
    return { doc: this.doc, counter: this.counter };
  }
}

function scalarKey(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String(key.value);
  return undefined;
}
