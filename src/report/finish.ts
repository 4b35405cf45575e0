/**
 * The last pass over a numbered view model: collects the anchors that exist, blanks every link
 * whose target is not in the document (a dangling reference, or an element whose table was left
 * out), and fills the lists of figures and tables and the search index.
 */
import type { Block, ElementKind, Link, ReportViewModel, Section } from './types.js';

function* allSections(sections: Section[]): Generator<Section> {
  for (const s of sections) {
    yield s;
    yield* allSections(s.subsections);
  }
}

function* allBlocks(vm: ReportViewModel): Generator<Block> {
  for (const c of vm.chapters) for (const s of allSections(c.sections)) yield* s.blocks;
}

/** Mutates `vm`: fixes links, fills `figures`, `tables` and `searchIndex`. */
export function finishLinks(vm: ReportViewModel, kindLabel: (kind: ElementKind) => string): void {
  const anchors = new Set<string>();
  for (const c of vm.chapters) {
    anchors.add(c.anchor);
    for (const s of allSections(c.sections)) anchors.add(s.anchor);
  }
  for (const b of allBlocks(vm)) {
    if (b.type !== 'paragraph') anchors.add(b.anchor);
    if (b.type === 'figure')
      vm.figures.push({ number: b.number, title: b.title, anchor: b.anchor });
    if (b.type !== 'table') continue;
    vm.tables.push({ number: b.number, caption: b.caption, anchor: b.anchor });
    for (const row of b.rows) {
      const el = row.element;
      if (!el) continue;
      if (anchors.has(el.anchor)) {
        delete row.element; // an element has one canonical row: ids stay unique
        continue;
      }
      anchors.add(el.anchor);
      vm.searchIndex.push({
        id: el.id,
        name: el.name,
        kind: el.kind,
        kindLabel: kindLabel(el.kind),
        anchor: el.anchor,
      });
    }
  }
  const check = (link: Link): void => {
    if (link.href !== '' && !anchors.has(link.href.slice(1))) link.href = '';
  };
  for (const b of allBlocks(vm)) {
    if (b.type === 'figure') b.parts.forEach(check);
    if (b.type !== 'table') continue;
    for (const h of b.headers)
      if (h.href !== undefined && h.href !== '' && !anchors.has(h.href.slice(1))) h.href = '';
    for (const row of b.rows) {
      for (const cell of row.cells) {
        if (cell.kind === 'link') check(cell.link);
        else if (cell.kind === 'links') cell.links.forEach(check);
      }
    }
  }
}
