/** The entity state machine section of chapter 6: overview, then per machine its diagram, states and transitions. */
import type { StateMachine } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { Link, Row } from '../types.js';
import { joinText, list, performerRef } from './refs.js';

/** The state machines section (left out when the model has none). */
export function stateMachineSection(ctx: ReportContext): SectionDraft {
  const machines = ctx.model.data?.stateMachines ?? [];
  const rows = machines.map((sm) =>
    ctx.row('sm', sm.id, [
      ctx.code(sm.id),
      ctx.text(sm.name ?? sm.id),
      ctx.linksTo('entity', list(sm.entity)),
      ctx.code(sm.attribute),
      ctx.link('state', `${sm.id}.${sm.initial}`),
      ctx.num(sm.states?.length ?? 0),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.entity'),
    ctx.t('col.attribute'),
    ctx.t('col.initial'),
    { text: ctx.t('col.states'), num: true },
  ];
  const subsections = machines.map((sm) => machineSubsection(ctx, sm));
  return {
    id: 'state-machines',
    title: ctx.t('sec.stateMachines'),
    blocks: [
      ...blocks(ctx.table(ctx.t('tab.stateMachines'), headers, rows)),
      ...ctx.figures('state-machine'),
    ],
    subsections,
  };
}

function machineSubsection(ctx: ReportContext, sm: StateMachine): SectionDraft {
  const name = sm.name ?? sm.id;
  const stateRows = (sm.states ?? []).map((s) =>
    ctx.row('state', `${sm.id}.${s.id}`, [
      ctx.code(s.id),
      ctx.text(s.name ?? s.id),
      ctx.code(s.value === undefined ? undefined : String(s.value)),
      ctx.text(s.id === sm.initial ? ctx.t('ui.initialMark') : ''),
      ctx.text(s.final ? ctx.t('ui.yes') : ''),
    ]),
  );
  const stateHeaders = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.value'),
    ctx.t('col.initial'),
    ctx.t('col.final'),
  ];
  const state = (id: string): Link | string =>
    id === '*' ? ctx.t('ui.anyState') : (ctx.ref('state', `${sm.id}.${id}`) ?? id);
  const transitionRows: Row[] = [];
  if (sm.creation) {
    transitionRows.push({
      cells: [
        ctx.text(ctx.t('ui.creation')),
        ctx.links([state(sm.initial)]),
        ctx.text(sm.creation.trigger),
        ctx.links(sm.creation.service ? [performerRef(ctx, sm.creation.service)] : []),
        ctx.text(''),
      ],
    });
  }
  for (const t of sm.transitions ?? []) {
    transitionRows.push({
      cells: [
        ctx.links(list(t.from).map(state)),
        ctx.links([state(t.to)]),
        ctx.text(t.trigger),
        ctx.links(t.service ? [performerRef(ctx, t.service)] : []),
        ctx.text(joinText([t.after, t.guard], '; ')),
      ],
    });
  }
  const transitionHeaders = [
    ctx.t('col.from'),
    ctx.t('col.to'),
    ctx.t('col.trigger'),
    ctx.t('col.service'),
    ctx.t('col.after'),
  ];
  return {
    id: sm.id,
    title: name,
    blocks: blocks(
      ctx.paragraph(sm.description),
      ...ctx.figures('state-machine', sm.id),
      ctx.table(ctx.t('tab.states', { name }), stateHeaders, stateRows),
      ctx.table(ctx.t('tab.transitions', { name }), transitionHeaders, transitionRows),
    ),
  };
}
