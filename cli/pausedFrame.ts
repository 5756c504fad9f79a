import { Session } from 'node:inspector';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { userPosition } from '../harness/userModules.js';

interface CallFrame {
  readonly functionName: string;
  readonly url?: string;
  readonly location: { readonly scriptId: string; readonly lineNumber: number };
}

/** How long to wait for the inspector to pause a stuck thread before naming it without its function. */
const PAUSE_TIMEOUT_MS = 1500;

/**
 * Where a worker's JavaScript is, found the way a debugger finds it: the inspector (attached to the worker from
 * this thread, idle until asked) pauses it, and the innermost frame in a user's module names the function and
 * the line of the user's file; with no such frame, the innermost frame. Pausing works even in a loop that never
 * yields, which is the point. null when the inspector cannot tell (a nested worker, a timeout).
 */
export function pausedFrame(worker: Worker): { where: (direct: boolean) => Promise<string | null>; close: () => void } {
  const session = new Session();
  let sessionId: string | null = null;
  let scripts = new Map<string, string>();
  let waiting: ((frame: string | null) => void) | null = null;
  let nextId = 0;
  try {
    session.connect();
  } catch {
    return { where: async () => null, close: () => {} };
  }
  const send = (method: string, params: object = {}): void => {
    if (sessionId === null) return;
    session.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: ++nextId, method, params }) });
  };
  session.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { workerId: string } } }) => {
    if (sessionId === null && String(m.params.workerInfo.workerId) === String(worker.threadId)) sessionId = m.params.sessionId;
  });
  session.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
    const msg = JSON.parse(m.params.message) as { method?: string; params?: { scriptId: string; url: string; callFrames: CallFrame[] } };
    if (msg.method === 'Debugger.scriptParsed') scripts.set(msg.params!.scriptId, msg.params!.url);
    if (msg.method === 'Debugger.paused' && waiting !== null) {
      const w = waiting;
      waiting = null;
      w(describe(msg.params!.callFrames, scripts));
    }
  });
  session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  return {
    where: (direct) =>
      new Promise((resolve) => {
        if (!direct || sessionId === null) return resolve(null);
        const timer = setTimeout(() => {
          waiting = null;
          resolve(null);
        }, PAUSE_TIMEOUT_MS);
        waiting = (frame) => {
          clearTimeout(timer);
          resolve(frame);
        };
        scripts = new Map();
        send('Debugger.enable');
        send('Debugger.pause');
      }),
    // Detached before the worker is ended: ending a thread held paused by the inspector never returns.
    close: () => {
      if (sessionId !== null) session.post('NodeWorker.detach', { sessionId });
      session.disconnect();
    },
  };
}

function describe(frames: readonly CallFrame[], scripts: ReadonlyMap<string, string>): string | null {
  const urlOf = (f: CallFrame): string => (f.url !== undefined && f.url !== '' ? f.url : (scripts.get(f.location.scriptId) ?? ''));
  for (const f of frames) {
    const at = userPosition(urlOf(f), f.location.lineNumber);
    if (at !== null) return `${f.functionName || '<module>'} (${at})`;
  }
  const f = frames[0];
  if (f === undefined) return null;
  const url = urlOf(f);
  const file = url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(url.replace(/\?.*$/, ''))) : url;
  return `${f.functionName || '<anonymous>'} (${file}:${f.location.lineNumber + 1})`;
}
