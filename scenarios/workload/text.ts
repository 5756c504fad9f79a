import type { FaultSpec } from '../../model/kernel.js';
import { validateWorkload, WorkloadError } from './validate.js';
import type { Call, FdRef, Task, Workload } from './workload.js';

/*
 * The workload text: what `cgsim replay --workload` reads and what a shrunk counterexample prints. Sections are
 * separated by newlines or by ' | ' (one line fits a shell command); calls within a section by ';'.
 *
 *   cgroups /A | setup: e0 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control;
 *   write wA "$e0 $cA 4096" | task close: close e0 | task rmdir: rmdir /A | fault cgroup_event 1
 *
 * A task may say `uid=N` and `cgroup=/A` before its colon; `irq NAME on TASK: ...` is a softirq on TASK's CPU.
 * A write's text is a JSON string in which `$handle` stands for the fd the handle is bound to (`$$` is '$').
 * Calls: `H = eventfd`, `H = open PATH`, `H = open-w PATH`, `write FD "TEXT"`, `close FD`, `mkdir PATH`,
 * `rmdir PATH`, `attach PATH`, `charge BYTES`, `H = aio FD`, `complete H`, `umount`. '#' starts a comment line.
 */

/** Splits at `sep` outside double-quoted strings (which may contain escaped quotes). */
function splitOutsideQuotes(s: string, seps: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (seps.includes(ch)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) throw new WorkloadError(`unterminated string in '${s.trim()}'`);
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
}

function fdRef(tok: string | undefined, where: string): FdRef {
  if (tok === undefined) throw new WorkloadError(`${where}: missing fd`);
  return /^-?[0-9]+$/.test(tok) ? Number(tok) : tok;
}

function parseCall(text: string, where: string): Call {
  const eq = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(text);
  if (eq !== null) {
    const [, bind, rest] = eq as unknown as [string, string, string];
    const [op, arg, extra] = rest.split(/\s+/);
    if (extra !== undefined) throw new WorkloadError(`${where}: unexpected '${extra}' in '${text}'`);
    if (op === 'eventfd' && arg === undefined) return { op: 'eventfd', bind };
    if ((op === 'open' || op === 'open-w') && arg !== undefined) return { op: 'open', bind, path: arg, write: op === 'open-w' };
    if (op === 'aio' && arg !== undefined) return { op: 'aio', bind, fd: fdRef(arg, where) };
    throw new WorkloadError(`${where}: '${text}': expected 'H = eventfd', 'H = open PATH', 'H = open-w PATH' or 'H = aio FD'`);
  }
  const m = /^(\S+)\s*(.*)$/.exec(text)!;
  const op = m[1]!;
  const rest = m[2]!.trim();
  if (op === 'write') {
    const w = /^(\S+)\s+(".*")$/.exec(rest);
    if (w === null) throw new WorkloadError(`${where}: '${text}': expected write FD "TEXT"`);
    let body: unknown;
    try {
      body = JSON.parse(w[2]!);
    } catch {
      throw new WorkloadError(`${where}: '${w[2]}' is not a valid double-quoted string`);
    }
    return { op: 'write', fd: fdRef(w[1], where), text: body as string };
  }
  const args = rest === '' ? [] : rest.split(/\s+/);
  const one = (): string => {
    if (args.length !== 1) throw new WorkloadError(`${where}: '${op}' takes one argument, got '${rest}'`);
    return args[0]!;
  };
  switch (op) {
    case 'close':
      return { op: 'close', fd: fdRef(one(), where) };
    case 'mkdir':
    case 'rmdir':
    case 'attach':
      return { op, path: one() };
    case 'charge': {
      const n = one();
      if (!/^-?[0-9]+$/.test(n)) throw new WorkloadError(`${where}: charge needs a number of bytes, got '${n}'`);
      return { op: 'charge', bytes: Number(n) };
    }
    case 'complete':
      return { op: 'complete', aio: one() };
    case 'umount':
      if (args.length !== 0) throw new WorkloadError(`${where}: 'umount' takes no argument (it unmounts the hierarchy of the workload's cgroups), got '${rest}'`);
      return { op: 'umount' };
    default:
      throw new WorkloadError(`${where}: unknown call '${op}'`);
  }
}

function parseCalls(body: string, where: string): Call[] {
  return splitOutsideQuotes(body, ';').map((c, i) => parseCall(c, `${where}, call ${i + 1}`));
}

function parseTaskHead(head: string, where: string): Omit<Task, 'calls'> {
  const words = head.split(/\s+/);
  if (words[0] === 'irq') {
    if (words.length !== 4 || words[2] !== 'on') throw new WorkloadError(`${where}: expected 'irq NAME on TASK:'`);
    return { name: words[1]!, uid: 0, cgroup: null, interrupts: words[3]! };
  }
  let uid = 0;
  let cgroup: string | null = null;
  for (const opt of words.slice(2)) {
    const [key, value] = opt.split('=');
    if (key === 'uid' && value !== undefined && /^[0-9]+$/.test(value)) uid = Number(value);
    else if (key === 'cgroup' && value !== undefined) cgroup = value;
    else throw new WorkloadError(`${where}: unknown task option '${opt}' (uid=N or cgroup=PATH)`);
  }
  if (words[1] === undefined) throw new WorkloadError(`${where}: a task needs a name`);
  return { name: words[1], uid, cgroup, interrupts: null };
}

/** Parses the workload text; throws WorkloadError naming the section and call at fault. */
export function parseWorkload(text: string): Workload {
  const cgroups: string[] = [];
  const setup: Call[] = [];
  const tasks: Task[] = [];
  const faults: FaultSpec[] = [];
  splitOutsideQuotes(text, '\n|').forEach((section, i) => {
    const where = `section ${i + 1} ('${section.length > 40 ? `${section.slice(0, 40)}...` : section}')`;
    const word = section.split(/[\s:]/)[0];
    if (word === 'cgroups') cgroups.push(...section.slice(7).trim().split(/\s+/).filter((p) => p !== ''));
    else if (word === 'fault') {
      const f = section.split(/\s+/);
      if (f.length !== 3 || !/^[0-9]+$/.test(f[2]!)) throw new WorkloadError(`${where}: expected 'fault TYPE NTH'`);
      faults.push({ type: f[1]!, nth: Number(f[2]) });
    } else if (word === 'setup' || word === 'task' || word === 'irq') {
      // The head's colon, not the one of a sched:/ path.
      const at = section.search(/:(?!\/)/);
      if (at < 0) throw new WorkloadError(`${where}: expected '${word} ...: calls'`);
      const head = section.slice(0, at).trim();
      const calls = parseCalls(section.slice(at + 1), where);
      if (word === 'setup') {
        if (head !== 'setup') throw new WorkloadError(`${where}: expected 'setup: calls'`);
        setup.push(...calls);
      } else tasks.push({ ...parseTaskHead(head, where), calls });
    } else throw new WorkloadError(`${where}: expected a section starting with cgroups, setup, task, irq or fault`);
  });
  return validateWorkload({ cgroups, setup, tasks, faults });
}

/** A string literal that never holds a single quote, so the whole workload can be single-quoted in a shell. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/'/g, '\\u0027').replace(/\|/g, '\\u007c');
}

export function formatCall(c: Call): string {
  switch (c.op) {
    case 'eventfd':
      return `${c.bind} = eventfd`;
    case 'open':
      return `${c.bind} = ${c.write ? 'open-w' : 'open'} ${c.path}`;
    case 'write':
      return `write ${c.fd} ${quote(c.text)}`;
    case 'close':
      return `close ${c.fd}`;
    case 'charge':
      return `charge ${c.bytes}`;
    case 'aio':
      return `${c.bind} = aio ${c.fd}`;
    case 'complete':
      return `complete ${c.aio}`;
    case 'umount':
      return 'umount';
    default:
      return `${c.op} ${c.path}`;
  }
}

function formatTask(t: Task): string {
  const head = t.interrupts !== null ? `irq ${t.name} on ${t.interrupts}` : [`task ${t.name}`, t.uid !== 0 ? `uid=${t.uid}` : '', t.cgroup !== null ? `cgroup=${t.cgroup}` : ''].filter((s) => s !== '').join(' ');
  return `${head}: ${t.calls.map(formatCall).join('; ')}`;
}

/** The workload's text, one section per line (`oneLine` joins them with ' | '); parseWorkload reads it back. */
export function formatWorkload(w: Workload, oneLine = true): string {
  const sections = [
    ...(w.cgroups.length > 0 ? [`cgroups ${w.cgroups.join(' ')}`] : []),
    ...(w.setup.length > 0 ? [`setup: ${w.setup.map(formatCall).join('; ')}`] : []),
    ...w.tasks.map(formatTask),
    ...w.faults.map((f) => `fault ${f.type} ${f.nth}`),
  ];
  return sections.join(oneLine ? ' | ' : '\n');
}
