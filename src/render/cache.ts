import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What goes into a cache key besides the mermaid text. */
export interface CacheKeyParts {
  /** mermaid source text. */
  source: string;
  /** The SVG id the diagram is rendered with: it is baked into the SVG's styles and markers. */
  svgId: string;
  mermaidVersion: string;
  /** The exact object passed to `mermaid.initialize`. */
  config: unknown;
  rendererVersion: number;
}

/**
 * The content hash of one diagram: sha256 (hex, 64 characters) over the mermaid text, the SVG id,
 * the mermaid version, the initialize config and archgen's renderer version. Any change to one of
 * them yields a new key, so stale SVGs are never served.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const h = createHash('sha256');
  // NUL separators: no field can run into the next and fake another key.
  for (const field of [
    parts.source,
    parts.svgId,
    parts.mermaidVersion,
    JSON.stringify(parts.config),
    String(parts.rendererVersion),
  ]) {
    h.update(field).update('\0');
  }
  return h.digest('hex');
}

const KEY = /^[0-9a-f]{64}$/;

/** Options for {@link DiagramCache}. */
export interface DiagramCacheOptions {
  /** Folders to read from, first hit wins (e.g. the previous output's cache folder). */
  read?: string[];
  /** Folder to write to (e.g. the cache folder inside the temporary output folder). */
  write?: string;
}

/**
 * Rendered SVGs stored as `<dir>/<key>.svg`. Reads from several folders and writes to one; a hit
 * found only in a read folder is copied into the write folder, so the new output carries the
 * whole cache forward when it replaces the old one. Only successful SVGs are ever stored.
 */
export class DiagramCache {
  readonly readDirs: string[];
  readonly writeDir: string | undefined;

  constructor(opts: DiagramCacheOptions = {}) {
    this.writeDir = opts.write === undefined ? undefined : resolve(opts.write);
    const dirs = [
      ...(this.writeDir ? [this.writeDir] : []),
      ...(opts.read ?? []).map((d) => resolve(d)),
    ];
    this.readDirs = [...new Set(dirs)];
  }

  /** The cached SVG for `key`, or undefined. Unreadable or malformed entries count as misses. */
  async get(key: string): Promise<string | undefined> {
    if (!KEY.test(key)) return undefined;
    for (const dir of this.readDirs) {
      const svg = await readFile(join(dir, `${key}.svg`), 'utf8').catch(() => undefined);
      if (svg === undefined || !svg.startsWith('<svg') || !svg.trimEnd().endsWith('</svg>'))
        continue;
      if (dir !== this.writeDir) await this.carry(dir, key, svg);
      return svg;
    }
    return undefined;
  }

  /**
   * The path of the cached SVG for `key` without reading it whole (only its first and last bytes
   * are checked), carried into the write folder like {@link get}; undefined on a miss.
   */
  async locate(key: string): Promise<string | undefined> {
    if (!KEY.test(key)) return undefined;
    for (const dir of this.readDirs) {
      const file = join(dir, `${key}.svg`);
      if (!(await looksComplete(file))) continue;
      if (dir === this.writeDir || !this.writeDir) return file;
      const linked = await this.linkInto(dir, key);
      if (!linked) await this.put(key, await readFile(file, 'utf8'));
      return join(this.writeDir, `${key}.svg`);
    }
    return undefined;
  }

  /** Where `put(key)` stores its SVG, or undefined without a write folder. */
  writtenFile(key: string): string | undefined {
    return this.writeDir && KEY.test(key) ? join(this.writeDir, `${key}.svg`) : undefined;
  }

  /**
   * Brings a hit from a read folder into the write folder: a hard link where the file system
   * allows it (the new output sits beside the old one, so no bytes are copied), else a copy.
   */
  private async carry(dir: string, key: string, svg: string): Promise<void> {
    if (!this.writeDir) return;
    if (!(await this.linkInto(dir, key))) await this.put(key, svg);
  }

  private async linkInto(dir: string, key: string): Promise<boolean> {
    if (!this.writeDir) return false;
    await mkdir(this.writeDir, { recursive: true });
    return link(join(dir, `${key}.svg`), join(this.writeDir, `${key}.svg`)).then(
      () => true,
      (err: NodeJS.ErrnoException) => err.code === 'EEXIST',
    );
  }

  /**
   * Stores `svg` under `key` in the write folder (atomically: temp file + rename) and returns its
   * path. No-op without a write folder.
   */
  async put(key: string, svg: string): Promise<string | undefined> {
    if (!this.writeDir || !KEY.test(key)) return undefined;
    await mkdir(this.writeDir, { recursive: true });
    const tmp = join(this.writeDir, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, svg, 'utf8');
      await rename(tmp, join(this.writeDir, `${key}.svg`));
      return join(this.writeDir, `${key}.svg`);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

/** An SVG file that starts with `<svg` and ends with `</svg>` (a write cut short fails this). */
async function looksComplete(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const { size } = await fh.stat();
    if (size < 11) return false;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(Math.min(size, 64));
    await fh.read(head, 0, 4, 0);
    await fh.read(tail, 0, tail.length, size - tail.length);
    return (
      head.toString('latin1') === '<svg' && tail.toString('latin1').trimEnd().endsWith('</svg>')
    );
  } catch {
    return false;
  } finally {
    await fh.close();
  }
}
