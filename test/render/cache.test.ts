import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagramCache, cacheKey, type CacheKeyParts } from '../../src/render/cache.js';

const dir = mkdtempSync(join(tmpdir(), 'archgen-cache-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: CacheKeyParts = {
  source: 'flowchart LR\n  a --> b',
  svgId: 'mmd-x',
  mermaidVersion: '11.17.2',
  config: { theme: 'default' },
  rendererVersion: 1,
};
const SVG = '<svg id="mmd-x"><g/></svg>';

describe('cacheKey', () => {
  it('is a sha256 hex digest that changes with every part', () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ ...base })).toBe(key);
    const variants: Partial<CacheKeyParts>[] = [
      { source: 'flowchart LR\n  a --> c' },
      { svgId: 'mmd-y' },
      { mermaidVersion: '11.17.3' },
      { config: { theme: 'forest' } },
      { rendererVersion: 2 },
    ];
    for (const v of variants) expect(cacheKey({ ...base, ...v })).not.toBe(key);
  });
});

describe('DiagramCache', () => {
  it('writes <dir>/<key>.svg and reads it back', async () => {
    const cache = new DiagramCache({ write: join(dir, 'a') });
    const key = cacheKey(base);
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, SVG);
    expect(readdirSync(join(dir, 'a'))).toEqual([`${key}.svg`]);
    expect(await cache.get(key)).toBe(SVG);
  });

  it('reads older folders and carries hits forward into the write folder', async () => {
    const key = cacheKey(base);
    const cache = new DiagramCache({
      read: [join(dir, 'missing'), join(dir, 'a')],
      write: join(dir, 'b'),
    });
    expect(await cache.get(key)).toBe(SVG);
    expect(readdirSync(join(dir, 'b'))).toEqual([`${key}.svg`]);
  });

  it('treats truncated entries and non-keys as misses, and never writes without a write folder', async () => {
    const key = cacheKey({ ...base, source: 'other' });
    writeFileSync(join(dir, 'a', `${key}.svg`), '<svg id="mmd-x"><g');
    const cache = new DiagramCache({ read: [join(dir, 'a')] });
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.get('../../etc/passwd')).toBeUndefined();
    await cache.put(key, SVG);
    expect(await cache.get(key)).toBeUndefined();
  });
});

describe('DiagramCache.locate', () => {
  it('finds a complete entry without reading it, carries it forward, and skips a truncated one', async () => {
    const key = cacheKey({ ...base, source: 'located' });
    const from = join(dir, 'loc-a');
    await new DiagramCache({ write: from }).put(key, SVG);
    const cache = new DiagramCache({ read: [from], write: join(dir, 'loc-b') });
    const file = await cache.locate(key);
    expect(file).toBe(join(dir, 'loc-b', `${key}.svg`));
    expect(readFileSync(file ?? '', 'utf8')).toBe(SVG);
    expect(cache.writtenFile(key)).toBe(file);

    const cut = cacheKey({ ...base, source: 'cut short' });
    writeFileSync(join(from, `${cut}.svg`), '<svg id="mmd-x"><g><g><g><g><g>');
    expect(await cache.locate(cut)).toBeUndefined();
    expect(await cache.locate('../../etc/passwd')).toBeUndefined();
  });
});
