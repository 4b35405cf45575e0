import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Which process made a temporary folder, so that a later run can tell whether it is gone. */
export interface Owner {
  pid: number;
  host: string;
  /** Start time of the process (Linux: clock ticks since boot), so a reused pid is not taken for it. */
  started?: string;
}

/** This process, as an {@link Owner}. */
export function currentOwner(): Owner {
  const started = processStart(process.pid);
  return { pid: process.pid, host: hostname(), ...(started ? { started } : {}) };
}

/**
 * True only when the owner is certainly gone: same host, and no such process, a zombie, or a
 * newer process under the same pid. An owner on another host (a shared folder) is never gone.
 */
export function ownerGone(owner: Owner): boolean {
  if (owner.host !== hostname()) return false;
  if (!isAlive(owner.pid)) return true;
  const now = processStart(owner.pid);
  return Boolean(owner.started && now && now !== owner.started);
}

/** Reads an {@link Owner} written as JSON; undefined when it is not one. */
export function parseOwner(text: string): (Owner & Record<string, unknown>) | undefined {
  try {
    const o = JSON.parse(text) as Partial<Owner> & Record<string, unknown>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return undefined;
    return o as Owner & Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * True while a process with this pid runs (one of another user counts). A zombie does not: a
 * browser whose parent was killed may wait unreaped under an init that reaps nothing.
 */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.[0] !== 'Z';
}

function processStart(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** Fields of /proc/<pid>/stat after the command name (state first), where there is /proc. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
