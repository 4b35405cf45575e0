import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STARTER_MANIFEST,
  STARTER_MODEL,
  commitAll,
  edit,
  git,
  newRepo,
  runDiff,
  writeFiles,
} from './helpers.js';

/**
 * What is not a list of elements, diffed on a real git repository: branch `release` edits the
 * manifest (document version, changelog, authors, a rule turned off, the include globs), the
 * main business and the glossary; `rewrite` then redefines a term and renames another.
 */
let repo: string;
let privateTmp: string;
const savedTmp = process.env['TMPDIR'];

const RELEASE_MANIFEST = edit(
  STARTER_MANIFEST,
  ['  version: "0.1"', '  version: "0.2"'],
  ['  authors: [Your Name]', '  authors: [Your Name, Li Lei]'],
  [
    '    - { version: "0.1", date: 2026-01-01, summary: First model }',
    '    - { version: "0.1", date: 2026-01-01, summary: First model }\n    - { version: "0.2", date: 2026-02-01, summary: Glossary }',
  ],
  ['include: ["*.yaml"]', 'include: ["*.yaml", "more/*.yaml"]'],
  ['rules: {}', 'rules: { app-deployed: off }'],
);

const GLOSSARY = `
domainModel:
  glossary:
    - { term: PNR, definition: Passenger name record, synonyms: [订座记录] }
    - { term: SKU, definition: Stock keeping unit }
`;

const RELEASE_MODEL =
  edit(STARTER_MODEL, [
    '  mainBusiness: Online sales of our products.',
    '  mainBusiness: Online sales of our products, and their delivery.',
  ]) + GLOSSARY;

const REWRITE_MODEL = edit(
  RELEASE_MODEL,
  [
    '{ term: PNR, definition: Passenger name record, synonyms: [订座记录] }',
    '{ term: PNR, definition: Passenger name record in the GDS, synonyms: [订座记录, booking] }',
  ],
  [
    '{ term: SKU, definition: Stock keeping unit }',
    '{ term: Item, definition: Stock keeping unit }',
  ],
);

beforeAll(async () => {
  // Revisions are extracted under the temp folder; a private one keeps git.test.ts's check
  // that diff leaves no temp folders behind free of this file's runs.
  privateTmp = await mkdtemp(path.join(tmpdir(), 'archgen-overview-'));
  process.env['TMPDIR'] = privateTmp;
  repo = await newRepo();
  await writeFiles(repo, {
    'model/archgen.yaml': STARTER_MANIFEST,
    'model/model.yaml': STARTER_MODEL,
  });
  await commitAll(repo, 'starter model');
  await git(repo, 'checkout', '-q', '-b', 'release');
  await writeFiles(repo, {
    'model/archgen.yaml': RELEASE_MANIFEST,
    'model/model.yaml': RELEASE_MODEL,
  });
  await commitAll(repo, 'release 0.2');
  await git(repo, 'checkout', '-q', '-b', 'rewrite');
  await writeFiles(repo, { 'model/model.yaml': REWRITE_MODEL });
  await commitAll(repo, 'rewrite the glossary');
});

afterAll(async () => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  await rm(privateTmp, { recursive: true, force: true });
});

async function diff(format: string, ...revs: string[]): Promise<string> {
  const r = await runDiff([...revs, '--model', 'model', '--format', format], repo);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('archgen diff: manifest, business overview and glossary', () => {
  it('reports them as the model area and glossary terms as domain elements', async () => {
    const json = JSON.parse(await diff('json', 'main', 'release')) as Record<string, unknown>;
    expect(json['areas']).toEqual([
      {
        area: 'model',
        changes: [
          {
            kind: 'manifest',
            id: 'manifest',
            change: 'changed',
            fields: [
              { path: 'document.version', before: '0.1', after: '0.2' },
              { path: 'rules.app-deployed', after: 'off' },
            ],
            lists: [
              { path: 'document.authors', added: ['Li Lei'], removed: [] },
              { path: 'document.changelog', added: ['0.2'], removed: [] },
            ],
          },
          {
            kind: 'businessOverview',
            id: 'businessOverview',
            change: 'changed',
            fields: [
              {
                path: 'mainBusiness',
                before: 'Online sales of our products.',
                after: 'Online sales of our products, and their delivery.',
              },
            ],
          },
        ],
      },
      {
        area: 'domain',
        changes: [
          { kind: 'term', id: 'PNR', change: 'added' },
          { kind: 'term', id: 'SKU', change: 'added' },
        ],
      },
    ]);
    expect(json['summary']).toMatchObject({ added: 2, changed: 2, removed: 0 });
  });

  it('compares terms by term: a redefinition is a change, a new term with the same text an id change', async () => {
    const json = JSON.parse(await diff('json', 'release', 'rewrite')) as {
      areas: { area: string; changes: unknown[] }[];
    };
    expect(json.areas).toEqual([
      {
        area: 'domain',
        changes: [
          { kind: 'term', id: 'Item', change: 'reidentified', previousId: 'SKU' },
          {
            kind: 'term',
            id: 'PNR',
            change: 'changed',
            fields: [
              {
                path: 'definition',
                before: 'Passenger name record',
                after: 'Passenger name record in the GDS',
              },
            ],
            lists: [{ path: 'synonyms', added: ['booking'], removed: [] }],
          },
        ],
      },
    ]);
  });

  it('phrases them for people in text and in the PR comment', async () => {
    const text = await diff('text', 'main', 'release');
    expect(text).toContain(
      [
        'model:',
        '  ~ manifest changed',
        '      document.authors: gained 1 author: Li Lei',
        '      document.changelog: gained 1 changelog entry: 0.2',
        '      document.version 0.1 -> 0.2',
        '      rules.app-deployed set to off',
        '  ~ business overview changed',
        '      mainBusiness Online sales of our products. -> Online sales of our products, and their delivery.',
        '',
        'domain:',
        '  + glossary term PNR added',
        '  + glossary term SKU added',
      ].join('\n'),
    );
    const md = await diff('md', 'main', 'release');
    expect(md).toContain('<b>Document and overview</b>: 2 changed');
    expect(md).toContain(
      '- ✏️ **manifest** changed\n  - document.authors: gained 1 author: Li Lei',
    );
    expect(md).toContain('- ✏️ **business overview** changed');
    expect(md).toContain('- 🆕 **glossary term `PNR`** added');
    // The model area comes first, before every area of elements.
    expect(md.indexOf('Document and overview')).toBeLessThan(md.indexOf('Domain model'));
  });

  it('does not count a change of include globs alone', async () => {
    await git(repo, 'checkout', '-q', '-b', 'layout', 'main');
    try {
      await writeFiles(repo, {
        'model/archgen.yaml': edit(STARTER_MANIFEST, [
          'include: ["*.yaml"]',
          'include: ["*.y*ml"]',
        ]),
      });
      await commitAll(repo, 'only the include globs');
      expect(await diff('text', 'main', 'layout')).toMatch(
        /\nno element changes; no new problems\n$/,
      );
    } finally {
      await git(repo, 'checkout', '-q', 'rewrite');
    }
  });
});
