/**
 * Loads the handlebars templates: the built-in set in the package's `templates/`, where any file
 * of the same relative path in a user's `--templates` folder takes precedence (and partials only
 * the user's folder has are added, e.g. `partials/chapters/business.hbs`).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own templates folder (works from `src/report` and from `dist/report`). */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** A loaded template set for one output. */
export interface TemplateSet {
  layout: string;
  /** Partial name (path under the partials folder, no extension, `/` separators) → source. */
  partials: Map<string, string>;
  /** The stylesheet (HTML only). */
  css: string;
}

async function listHbs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true });
    return entries
      .map(String)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => f.split(path.sep).join('/'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function readOverridable(rel: string, overrideDir: string | undefined): Promise<string> {
  if (overrideDir) {
    try {
      return await readFile(path.join(overrideDir, rel), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return readFile(path.join(BUILTIN_TEMPLATES, rel), 'utf8');
}

/**
 * Loads a template set. `root` is the set's folder relative to the templates folder ('' for HTML,
 * 'markdown' for Markdown): it holds `layouts/report.hbs` and `partials/**.hbs`.
 */
export async function loadTemplates(
  root: '' | 'markdown',
  templatesDir?: string,
): Promise<TemplateSet> {
  const rel = (p: string): string => (root ? `${root}/${p}` : p);
  const partialsDir = rel('partials');
  const names = new Set([
    ...(await listHbs(path.join(BUILTIN_TEMPLATES, partialsDir))),
    ...(templatesDir ? await listHbs(path.join(templatesDir, partialsDir)) : []),
  ]);
  const partials = new Map<string, string>();
  for (const file of [...names].sort()) {
    partials.set(
      file.replace(/\.hbs$/, ''),
      await readOverridable(`${partialsDir}/${file}`, templatesDir),
    );
  }
  const layout = await readOverridable(rel('layouts/report.hbs'), templatesDir);
  const css = root === '' ? await readOverridable('assets/report.css', templatesDir) : '';
  return { layout, partials, css };
}
