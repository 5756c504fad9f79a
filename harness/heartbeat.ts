import { formatSite, type Site } from '../sim/site.js';
import { watchSteps, type StepWatch } from '../sim/stepWatch.js';

/**
 * What a thread running model code shows, in memory it shares with the thread that watches it, so that the
 * watcher can tell a step that never comes back from a long run, and say which: the variant and scenario of the
 * execution, its actors, the step, the actor, the operation it resumed after, and the schedule so far (so the
 * replay command reproduces the hang). One slot per thread; the writer never waits on the reader.
 *
 * A slot: a header of Int32 fields, then text fields (length-prefixed UTF-8, truncated to their room), then
 * one byte per step of the schedule. Texts are encoded once and kept (a site, an actor list), so a step costs
 * a few stores.
 */
const HEADER = 8;
const PHASE = 0; // 0: not in model code; 1: in a step; 2: importing a user module
const COUNTER = 1; // changes at every enter and leave
const STEP = 2;
const ACTOR = 3;
const SCHEDULE_LENGTH = 4;
const TEXTS = [
  { name: 'context', room: 4096 },
  { name: 'actors', room: 1024 },
  { name: 'after', room: 512 },
] as const;
type TextName = (typeof TEXTS)[number]['name'];
const SCHEDULE_ROOM = 65_536;
const TEXT_BYTES = TEXTS.reduce((n, t) => n + 4 + t.room, 0);
export const SLOT_BYTES = HEADER * 4 + TEXT_BYTES + SCHEDULE_ROOM;

function textOffset(name: TextName): number {
  let off = HEADER * 4;
  for (const t of TEXTS) {
    if (t.name === name) return off;
    off += 4 + t.room;
  }
  throw new Error(`no text field ${name}`);
}

/** Memory for `slots` watched threads. */
export function heartbeatMemory(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOT_BYTES * slots);
}

export function heartbeatSlots(memory: SharedArrayBuffer): number {
  return Math.floor(memory.byteLength / SLOT_BYTES);
}

const encoder = new TextEncoder();

/** The writing side: installed as the thread's StepWatch (sim/stepWatch.ts). */
export class HeartbeatWriter implements StepWatch {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly schedule: Uint8Array;
  private readonly encoded = new Map<string, Uint8Array>();
  private readonly sites = new WeakMap<Site, Uint8Array>();
  private lastActors: readonly string[] | null = null;
  private lastAfter: Uint8Array | null = null;

  constructor(
    readonly memory: SharedArrayBuffer,
    readonly slot: number,
  ) {
    const base = slot * SLOT_BYTES;
    this.header = new Int32Array(memory, base, HEADER);
    this.bytes = new Uint8Array(memory, base, SLOT_BYTES);
    this.view = new DataView(memory, base, SLOT_BYTES);
    this.schedule = new Uint8Array(memory, base + HEADER * 4 + TEXT_BYTES, SCHEDULE_ROOM);
  }

  private write(name: TextName, data: Uint8Array): void {
    const off = textOffset(name);
    const room = TEXTS.find((t) => t.name === name)!.room;
    const n = Math.min(room, data.length);
    this.bytes.set(n === data.length ? data : data.subarray(0, n), off + 4);
    this.view.setUint32(off, n, true);
  }

  private text(s: string): Uint8Array {
    let e = this.encoded.get(s);
    if (e === undefined) {
      e = encoder.encode(s);
      if (this.encoded.size < 4096) this.encoded.set(s, e);
    }
    return e;
  }

  /** The run about to execute: the variant as the user named it, and the scenario. */
  context(variant: string, scenario: string): void {
    this.write('context', this.text(`${variant}\n${scenario}`));
  }

  /** A user module's top-level code runs (an import may loop as well as a step can). */
  loading(spec: string): void {
    this.context(spec, '');
    Atomics.store(this.header, PHASE, 2);
    Atomics.add(this.header, COUNTER, 1);
  }

  loaded(): void {
    this.leave();
  }

  execution(actorNames: readonly string[]): void {
    if (actorNames !== this.lastActors) {
      this.lastActors = actorNames;
      this.write('actors', this.text(actorNames.join('\n')));
    }
    this.header[SCHEDULE_LENGTH] = 0;
  }

  enter(step: number, actor: number, after: Site | null): void {
    const h = this.header;
    h[STEP] = step;
    h[ACTOR] = actor;
    if (step < SCHEDULE_ROOM) {
      this.schedule[step] = actor;
      h[SCHEDULE_LENGTH] = step + 1;
    }
    let label = after === null ? undefined : this.sites.get(after);
    if (label === undefined) {
      label = this.text(after === null ? '' : formatSite(after));
      if (after !== null) this.sites.set(after, label);
    }
    if (label !== this.lastAfter) {
      this.lastAfter = label;
      this.write('after', label);
    }
    Atomics.store(h, PHASE, 1);
    Atomics.add(h, COUNTER, 1);
  }

  leave(): void {
    Atomics.store(this.header, PHASE, 0);
    Atomics.add(this.header, COUNTER, 1);
  }
}

/** What the watcher reads of a slot. */
export interface HeartbeatState {
  /** 'idle': not in model code; 'step': in a step; 'import': running a user module's top level. */
  readonly phase: 'idle' | 'step' | 'import';
  readonly counter: number;
  readonly step: number;
  readonly actor: string;
  readonly after: string;
  readonly variant: string;
  readonly scenario: string;
  /** The actor of every step so far, the running one included; null when it did not fit. */
  readonly schedule: number[] | null;
}

const decoder = new TextDecoder();

export function readHeartbeat(memory: SharedArrayBuffer, slot: number): HeartbeatState {
  const base = slot * SLOT_BYTES;
  const header = new Int32Array(memory, base, HEADER);
  const view = new DataView(memory, base, SLOT_BYTES);
  const read = (name: TextName): string => {
    const off = textOffset(name);
    const n = view.getUint32(off, true);
    // Copied out first: TextDecoder does not read shared memory.
    return decoder.decode(new Uint8Array(memory, base + off + 4, n).slice());
  };
  const phase = Atomics.load(header, PHASE);
  const step = header[STEP]!;
  const names = read('actors').split('\n');
  const [variant = '', scenario = ''] = read('context').split('\n');
  const length = header[SCHEDULE_LENGTH]!;
  const schedule = length === step + 1 ? Array.from(new Uint8Array(memory, base + HEADER * 4 + TEXT_BYTES, length)) : null;
  return {
    phase: phase === 1 ? 'step' : phase === 2 ? 'import' : 'idle',
    counter: Atomics.load(header, COUNTER),
    step,
    actor: names[header[ACTOR]!] ?? `#${header[ACTOR]}`,
    after: read('after'),
    variant,
    scenario,
    schedule,
  };
}

let thisThread: HeartbeatWriter | null = null;

/** This thread's heartbeat, once installed (the command line's worker does; library use has none). */
export function currentHeartbeat(): HeartbeatWriter | null {
  return thisThread;
}

export function installHeartbeat(writer: HeartbeatWriter | null): void {
  thisThread = writer;
  watchSteps(writer);
}
