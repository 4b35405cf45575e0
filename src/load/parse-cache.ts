import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { ParseLimits } from './parse.js';
import type { SourceRange } from './source-file.js';

/**
 * The parse cache: what parsing a file gave, keyed by a hash of the file's bytes, so that a run
 * over unchanged files does not parse them again (parsing is most of a validate run).
 *
 * One cache file per model folder holds every entry, so opening it is one read. An entry is the
 * parsed data (v8-serialized: exact, and as fast to load as JSON) and the source ranges found
 * for pointers in that text so far, so that findings in an unchanged file are placed without
 * parsing it again with positions. Only files that parsed cleanly are kept; a file with any
 * parse problem is parsed, and reported, every time.
 *
 * Nothing is trusted but content: an entry is found by the SHA-256 of the bytes, and the whole
 * cache belongs to one key made of archgen's version, the loader's own code, the parser packages'
 * versions, the V8 version and the parse limits. A cache file with another key, a bad checksum or
 * any damage is ignored (and replaced by the next run that writes one); a write goes to a
 * temporary file renamed into place, so runs in parallel never leave a torn file.
 */

/** Where the cache lives and what it is run with. */
export interface ParseCacheOptions {
  /** Folder holding the cache files (one per model folder); see {@link defaultCacheFolder}. */
  folder?: string;
  /** Environment for the default folder (`XDG_CACHE_HOME`, `HOME`); `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
}

/** What the cache did in one run. */
export interface ParseCacheStats {
  /** The cache file. */
  file: string;
  /** Files taken from the cache. */
  hits: number;
  /** Files parsed (and kept when they parsed cleanly). */
  misses: number;
  /** Whether the cache file was (re)written. */
  written: boolean;
}

/** One file's parse taken from the cache. */
export interface CachedParse {
  data: unknown;
  /** Ranges located in this text so far (see `SourceFile.locate`); new ones are added and saved. */
  ranges: Map<string, SourceRange>;
}

interface Entry {
  /** `v8.serialize` of the parsed data. */
  data: Uint8Array;
  ranges: Map<string, SourceRange>;
}

const MAGIC = 'archgen parse cache\n';
/** Bumped when the layout of the cache file changes. */
const FORMAT = 1;
const SUFFIX = '.parse-cache';
const TEMP = /\.tmp$/;
const DAY = 24 * 60 * 60 * 1000;
/** Cache files not used for this long are removed when another one is written. */
const MAX_AGE = 30 * DAY;

const require = createRequire(import.meta.url);

/**
 * The default cache folder for a model folder. In a project (the nearest folder up from the model
 * holding a package.json) that has a `node_modules`: its `node_modules/.cache/archgen`, the usual
 * place for tool caches, removed with node_modules. Otherwise `$XDG_CACHE_HOME/archgen` (when
 * absolute), else `~/.cache/archgen`. A `node_modules` above the project (in a home or temp
 * folder) is not used: it would gather the caches of every model below it.
 */
export async function defaultCacheFolder(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  for (let dir = path.resolve(root); ;) {
    const isFile = await stat(path.join(dir, 'package.json')).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) {
      const modules = await stat(path.join(dir, 'node_modules')).catch(() => undefined);
      if (modules?.isDirectory()) return path.join(dir, 'node_modules', '.cache', 'archgen');
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'archgen');
  return path.join(env['HOME'] || os.homedir(), '.cache', 'archgen');
}

/** The parse cache of one model folder, for one run. */
export class ParseCache {
  /** Entries of the cache file as read. */
  readonly #old: Map<string, Entry>;
  /** Entries used or added in this run: what the next cache file holds. */
  readonly #now = new Map<string, Entry>();
  /** Ranges each entry held when read, to see whether the run added some. */
  readonly #rangesRead = new Map<string, number>();
  readonly #stale: boolean;
  #hits = 0;
  #misses = 0;
  #written = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    old: Map<string, Entry>,
    stale: boolean,
  ) {
    this.#old = old;
    this.#stale = stale;
  }

  /**
   * Opens the cache of the model in `root`. Never fails: a missing, unreadable, damaged or
   * foreign cache file gives an empty cache.
   */
  static async open(
    root: string,
    limits: ParseLimits,
    options: ParseCacheOptions = {},
  ): Promise<ParseCache> {
    const folder = options.folder ?? (await defaultCacheFolder(root, options.env ?? process.env));
    const file = path.join(folder, cacheFileName(root));
    const key = cacheKey(limits);
    let old = new Map<string, Entry>();
    let stale = false;
    try {
      const handle = await open(file, 'r');
      try {
        const [bytes, st] = await Promise.all([handle.readFile(), handle.stat()]);
        old = readEntries(bytes, key) ?? old;
        stale = Date.now() - st.mtimeMs > DAY;
      } finally {
        await handle.close();
      }
    } catch {
      // no cache yet, or one that cannot be read: start empty
    }
    return new ParseCache(file, key, old, stale);
  }

  /** The hash an entry is found by. */
  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** The parse of a file with this hash, when cached (the data is a fresh copy each time). */
  get(hash: string): CachedParse | undefined {
    const entry = this.#now.get(hash) ?? this.#old.get(hash);
    if (!entry) {
      this.#misses++;
      return undefined;
    }
    let data: unknown;
    try {
      data = v8.deserialize(entry.data);
    } catch {
      this.#misses++;
      return undefined;
    }
    if (!this.#now.has(hash)) {
      this.#now.set(hash, entry);
      this.#rangesRead.set(hash, entry.ranges.size);
    }
    this.#hits++;
    return { data, ranges: entry.ranges };
  }

  /**
   * Keeps a clean parse. Call it right after parsing: the data is copied now, before the loader
   * changes it. Returns the map to record the file's located ranges in.
   */
  put(hash: string, data: unknown): Map<string, SourceRange> {
    const entry: Entry = { data: v8.serialize(data), ranges: new Map() };
    this.#now.set(hash, entry);
    return entry.ranges;
  }

  /** What the cache did so far. */
  stats(): ParseCacheStats {
    return { file: this.file, hits: this.#hits, misses: this.#misses, written: this.#written };
  }

  /**
   * Writes the cache file when this run changed what it should hold (files parsed, files gone,
   * new ranges): to a temporary file renamed into place. Never fails; a cache that cannot be
   * written is simply not written.
   */
  async save(): Promise<ParseCacheStats> {
    if (!this.#changed()) {
      // An unchanged cache is not rewritten; its time is kept fresh so it is not pruned as unused.
      if (this.#stale) {
        const now = new Date();
        await utimes(this.file, now, now).catch(() => undefined);
      }
      return this.stats();
    }
    const folder = path.dirname(this.file);
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(temp, encode(this.#now, this.key));
      await rename(temp, this.file);
      this.#written = true;
      await prune(folder, this.file);
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
    return this.stats();
  }

  #changed(): boolean {
    if (this.#now.size !== this.#old.size) return true;
    for (const [hash, entry] of this.#now) {
      if (this.#old.get(hash) !== entry) return true;
      if (entry.ranges.size !== this.#rangesRead.get(hash)) return true;
    }
    return false;
  }
}

/** One cache file per model folder: its name and a hash of its absolute path. */
function cacheFileName(root: string): string {
  const abs = path.resolve(root);
  const name =
    path
      .basename(abs)
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 40) || 'model';
  return `${name}-${createHash('sha256').update(abs).digest('hex').slice(0, 16)}${SUFFIX}`;
}

/** What every entry depends on besides the file's bytes. */
function cacheKey(limits: ParseLimits): string {
  const pkg = (name: string): string => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT,
        archgen: (require('../../package.json') as { version: string }).version,
        code: loaderCode(),
        'js-yaml': pkg('js-yaml'),
        yaml: pkg('yaml'),
        v8: process.versions.v8,
        limits,
      }),
    )
    .digest('hex');
}

/**
 * A hash of the loader modules whose output is cached (parse, positions): a changed loader never
 * reads what an older one wrote, even under the same version number.
 */
function loaderCode(): string {
  const self = fileURLToPath(import.meta.url);
  const ext = path.extname(self);
  const hash = createHash('sha256');
  for (const name of ['parse', 'source-file', 'yaml-problems', 'recover', 'libs', 'parse-cache']) {
    try {
      hash.update(readFileSync(path.join(path.dirname(self), name + ext)));
    } catch {
      hash.update(`${name}: missing`);
    }
  }
  return hash.digest('hex');
}

/**
 * Layout: the magic line; a line of JSON with the format, the key, and the length and SHA-256 of
 * all that follows; a line of JSON listing the entries (hash, length of its data, ranges as
 * `[pointer key, line, column, endLine, endColumn]`); then each entry's data, one after the other.
 * Returned as chunks, written without copying the data into one buffer.
 */
function encode(entries: Map<string, Entry>, key: string): Uint8Array[] {
  const index = JSON.stringify(
    [...entries].map(([hash, e]) => [
      hash,
      e.data.length,
      [...e.ranges].map(([k, r]) => [k, r.line, r.column, r.endLine, r.endColumn]),
    ]),
  );
  const body = [Buffer.from(`${index}\n`), ...[...entries.values()].map((e) => e.data)];
  const sha = createHash('sha256');
  for (const chunk of body) sha.update(chunk);
  const header = JSON.stringify({
    format: FORMAT,
    key,
    length: body.reduce((n, c) => n + c.length, 0),
    sha256: sha.digest('hex'),
  });
  return [Buffer.from(`${MAGIC}${header}\n`), ...body];
}

/** The entries of a cache file, or undefined when it is not one of ours, for this key, intact. */
function readEntries(bytes: Buffer, key: string): Map<string, Entry> | undefined {
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return undefined;
  const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) return undefined;
  const header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as unknown;
  if (!isRecord(header) || header['format'] !== FORMAT || header['key'] !== key) return undefined;
  const body = bytes.subarray(headerEnd + 1);
  if (header['length'] !== body.length) return undefined;
  if (header['sha256'] !== createHash('sha256').update(body).digest('hex')) return undefined;
  const indexEnd = body.indexOf(0x0a);
  if (indexEnd < 0) return undefined;
  const rows = JSON.parse(body.subarray(0, indexEnd).toString('utf8')) as unknown;
  if (!Array.isArray(rows)) return undefined;
  const payload = body.subarray(indexEnd + 1);
  const entries = new Map<string, Entry>();
  let offset = 0;
  for (const row of rows as unknown[]) {
    const [hash, length, ranges] = Array.isArray(row) ? (row as unknown[]) : [];
    if (typeof hash !== 'string' || !Number.isInteger(length) || !Array.isArray(ranges))
      return undefined;
    const map = new Map<string, SourceRange>();
    for (const r of ranges as unknown[]) {
      const [name, ...numbers] = Array.isArray(r) ? (r as unknown[]) : [];
      if (typeof name !== 'string' || numbers.length !== 4) return undefined;
      if (!numbers.every((n) => Number.isInteger(n))) return undefined;
      const [line, column, endLine, endColumn] = numbers as number[];
      map.set(name, { line: line!, column: column!, endLine: endLine!, endColumn: endColumn! });
    }
    const data = payload.subarray(offset, (offset += length as number));
    entries.set(hash, { data, ranges: map });
  }
  return offset === payload.length ? entries : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Removes, best effort, other models' cache files unused for {@link MAX_AGE} and temporary files
 * an interrupted run left (older than an hour). Only files named like ours are touched.
 */
async function prune(folder: string, keep: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    const file = path.join(folder, name);
    const temp = TEMP.test(name) && name.includes(SUFFIX);
    if (file === keep || !(temp || name.endsWith(SUFFIX))) continue;
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) continue;
    if (now - st.mtimeMs > (temp ? 60 * 60 * 1000 : MAX_AGE))
      await rm(file, { force: true }).catch(() => undefined);
  }
}
