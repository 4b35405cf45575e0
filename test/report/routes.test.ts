import { describe, expect, it } from 'vitest';
import { buildRoutes, diagramFileName, documentName } from '../../src/report/routes.js';

describe('documentName', () => {
  it.each([
    ['Enterprise Architecture', 'enterprise-architecture'],
    ['企业总体架构 v0.3', '企业总体架构-v0-3'],
    ['../../etc/passwd', 'etc-passwd'],
    ['  ', 'architecture'],
    [undefined, 'architecture'],
    ['<>:"/\\|?*', 'architecture'],
  ])('%s → %s', (title, name) => {
    expect(documentName(title)).toBe(name);
  });

  it('keeps names short', () => {
    expect([...documentName('a'.repeat(300))]).toHaveLength(80);
  });
});

describe('buildRoutes', () => {
  it('lists the document per format, then diagram sources and SVGs', () => {
    expect(buildRoutes('Skyway EA', ['pdf', 'html'], ['app-map', 'er/x'])).toEqual([
      { target: 'html', path: 'skyway-ea.html' },
      { target: 'pdf', path: 'skyway-ea.pdf' },
      { target: 'mermaid', path: 'diagrams/app-map.mmd', diagramId: 'app-map' },
      { target: 'svg', path: 'diagrams/app-map.svg', diagramId: 'app-map' },
      { target: 'mermaid', path: 'diagrams/er-x.mmd', diagramId: 'er/x' },
      { target: 'svg', path: 'diagrams/er-x.svg', diagramId: 'er/x' },
    ]);
  });

  it('writes no SVG when only Markdown is asked for', () => {
    expect(buildRoutes(undefined, ['md'], ['a']).map((r) => r.path)).toEqual([
      'architecture.md',
      'diagrams/a.mmd',
    ]);
  });

  it('makes diagram ids file-safe', () => {
    expect(diagramFileName('../x')).toBe('-x');
    expect(diagramFileName('...')).toBe('diagram');
  });
});
