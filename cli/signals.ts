import type { StopSignal } from './interrupt.js';

/**
 * The process's answer to "has a signal asked the run to stop?" (Io.stopSignal). The handlers are installed at
 * the first question, so commands that never ask (replay, compare, list) keep Ctrl-C's usual meaning; and each
 * signal is caught once only, so a second Ctrl-C kills at once, as the user who pressed it twice wants.
 */
export function signalWatch(): () => StopSignal | null {
  let caught: StopSignal | null = null;
  let listening = false;
  return () => {
    if (!listening) {
      listening = true;
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (caught ??= signal));
    }
    return caught;
  };
}
