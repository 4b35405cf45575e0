/** Chapter 8, domain model: the glossary, then concepts with attributes, behaviours and relations. */
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import { joinText } from './refs.js';

/** Builds chapter 8. */
export function buildDomain(ctx: ReportContext): SectionDraft[] {
  const dm = ctx.model.domainModel ?? {};
  const glossary = (dm.glossary ?? []).map((g) =>
    ctx.row('term', g.term, [
      ctx.text(g.term),
      ctx.plain(g.definition ?? g.description),
      ctx.text(joinText(g.synonyms ?? [])),
    ]),
  );
  const concepts = (dm.concepts ?? []).map((c) =>
    ctx.row('concept', c.id, [
      ctx.text(c.name ?? c.id),
      ctx.plain(c.description),
      ctx.text(joinText((c.attributes ?? []).map((a) => (typeof a === 'string' ? a : a.name)))),
      ctx.text(joinText(c.behaviours ?? [])),
      ctx.links(
        (c.relations ?? []).map((r) => {
          const ref = ctx.ref('concept', r.to);
          const text = joinText([r.label, ref?.text ?? r.to], ' → ');
          return ref ? { ...ref, text } : text;
        }),
      ),
      ctx.link('process', c.process),
    ]),
  );
  const conceptHeaders = [
    ctx.t('col.name'),
    ctx.t('col.description'),
    ctx.t('col.attributes'),
    ctx.t('col.behaviours'),
    ctx.t('col.relations'),
    ctx.t('col.process'),
  ];
  return [
    {
      id: 'glossary',
      title: ctx.t('sec.glossary'),
      blocks: blocks(
        ctx.table(
          ctx.t('tab.glossary'),
          [ctx.t('col.term'), ctx.t('col.definition'), ctx.t('col.synonyms')],
          glossary,
        ),
      ),
    },
    {
      id: 'concepts',
      title: ctx.t('sec.concepts'),
      blocks: blocks(ctx.table(ctx.t('tab.concepts'), conceptHeaders, concepts)),
    },
  ];
}
