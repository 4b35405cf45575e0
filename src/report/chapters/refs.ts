/**
 * Resolving references whose field accepts several kinds (model.md) into document links.
 * Each returns a Link, or the raw id (shown as text) when nothing in the model matches.
 */
import type { ReportContext } from '../context.js';
import type { ElementKind, Link } from '../types.js';

/** The first kind among `kinds` that has an element `id`. */
export function firstRef(
  ctx: ReportContext,
  kinds: readonly ElementKind[],
  id: string,
): Link | string {
  for (const kind of kinds) {
    const ref = ctx.ref(kind, id);
    if (ref) return ref;
  }
  return id;
}

/** A `calls[].target` or route target: six digits = app, `center.service` = service, else center or external. */
export function targetRef(ctx: ReportContext, target: string): Link | string {
  if (/^\d{6}$/.test(target)) return firstRef(ctx, ['app'], target);
  if (target.includes('.')) {
    const service = ctx.ref('service', target);
    return service ?? firstRef(ctx, ['center'], target.slice(0, target.indexOf('.')));
  }
  return firstRef(ctx, ['center', 'ext', 'app'], target);
}

/** A step actor: a party, role or org unit. */
export function actorRef(ctx: ReportContext, id: string): Link | string {
  return firstRef(ctx, ['party', 'role', 'org'], id);
}

/** `ownedBy`: the app or service center that is the system of record. */
export function ownerRef(ctx: ReportContext, id: string | undefined): (Link | string)[] {
  return id ? [firstRef(ctx, ['center', 'app'], id)] : [];
}

/** A performer of a step or transition: an app id or a `center.service`. */
export function performerRef(ctx: ReportContext, id: string): Link | string {
  return id.includes('.') ? targetRef(ctx, id) : firstRef(ctx, ['app', 'center'], id);
}

/** Anything a work item may deliver, in order of likelihood. */
export function anyRef(ctx: ReportContext, id: string): Link | string {
  return firstRef(
    ctx,
    [
      'app',
      'center',
      'service',
      'db',
      'entity',
      'cluster',
      'ext',
      'process',
      'line',
      'subsystem',
      'logic',
      'category',
      'sm',
      'dc',
      'region',
      'network',
      'domain',
      'concept',
      'decision',
      'principle',
      'layer',
      'org',
    ],
    id,
  );
}

/** A list field that may be a single value. */
export function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Joins non-empty strings. */
export function joinText(parts: readonly (string | undefined)[], sep = ', '): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(sep);
}
