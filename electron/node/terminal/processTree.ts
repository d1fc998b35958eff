import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Time programs get to exit on SIGHUP (save state, restore the tty) before SIGKILL. */
const KILL_GRACE_MS = 1000;
/** How often we look whether they are gone. */
const POLL_MS = 25;

interface ProcInfo {
  pid: number;
  ppid: number;
  session: number;
  zombie: boolean;
}

/**
 * Every live process belonging to a terminal: its session (the shell is a session leader
 * under node-pty, and job control puts each job in its own process group, so killing the
 * shell's group alone would orphan them) plus descendants that left the session (setsid).
 */
export function terminalProcesses(shellPid: number): number[] {
  const procs = listProcesses();
  const byParent = new Map<number, number[]>();
  for (const p of procs) {
    const siblings = byParent.get(p.ppid) ?? [];
    siblings.push(p.pid);
    byParent.set(p.ppid, siblings);
  }
  const found = new Set<number>();
  for (const p of procs) if (!p.zombie && (p.session === shellPid || p.pid === shellPid)) found.add(p.pid);
  const stack = [...found];
  while (stack.length) {
    const pid = stack.pop() as number;
    for (const child of byParent.get(pid) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        stack.push(child);
      }
    }
  }
  const live = new Set(procs.filter((p) => !p.zombie).map((p) => p.pid));
  return [...found].filter((pid) => live.has(pid) && pid !== process.pid);
}

/** SIGHUP (what closing a terminal sends) to all of a terminal's processes, SIGKILL what remains. */
export async function killTerminalProcesses(shellPid: number): Promise<void> {
  const targets = terminalProcesses(shellPid);
  signalAll(targets, 'SIGHUP');
  // A stopped job (Ctrl+Z) only sees SIGHUP once continued.
  signalAll(targets, 'SIGCONT');
  const deadline = Date.now() + KILL_GRACE_MS;
  while (Date.now() < deadline) {
    if (!targets.some(isAlive)) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  // Anything started meanwhile by a dying process belongs to the terminal too.
  signalAll([...new Set([...targets, ...terminalProcesses(shellPid)])], 'SIGKILL');
}

/**
 * Whether the shell's own process group holds the terminal's foreground, that is no job it
 * started is running there; undefined when that cannot be read.
 */
export function shellHoldsTerminal(shellPid: number): boolean | undefined {
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${shellPid}/stat`, 'utf8');
      // `pid (comm) state ppid pgrp session tty_nr tpgid …`
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pgrp = Number(fields[2]);
      return pgrp > 0 && Number(fields[5]) === pgrp;
    }
    const [pgid, tpgid] = execFileSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(shellPid)], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return pgid !== undefined && pgid > 0 && tpgid === pgid;
  } catch {
    return undefined;
  }
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function isAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function listProcesses(): ProcInfo[] {
  if (process.platform === 'linux') {
    const out: ProcInfo[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // `pid (comm) state ppid pgrp session …`; comm may hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.push({ pid: Number(name), ppid: Number(fields[1]), session: Number(fields[3]), zombie: fields[0] === 'Z' });
      } catch {
        // Exited while we looked.
      }
    }
    return out;
  }
  // macOS and other Unixes: ps knows the session leader only indirectly; the tree walk covers it.
  const text = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat='], { encoding: 'utf8' });
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([pid, ppid, stat]) => ({ pid: Number(pid), ppid: Number(ppid), session: -1, zombie: (stat ?? '').startsWith('Z') }));
}
