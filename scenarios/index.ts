import { badWrites } from './badWrite.js';
import { chargeVsRmdir } from './chargeVsRmdir.js';
import { closeVsRegister } from './closeVsRegister.js';
import { closeVsRmdir } from './closeVsRmdir.js';
import { oneEventfdTwice } from './oneEventfdTwice.js';
import { registerCloseRmdir } from './registerCloseRmdir.js';
import { registerVsClose } from './registerVsClose.js';
import { registerVsRmdir } from './registerVsRmdir.js';
import { rmdirOneEventfdTwice } from './rmdirOneEventfdTwice.js';
import { rmdirThenUmount } from './rmdirThenUmount.js';
import { rmdirUmountVsClose } from './rmdirUmountVsClose.js';
import { rmdirVsAttach } from './rmdirVsAttach.js';
import type { Scenario } from './scenario.js';
import { signalVsClose } from './signalVsClose.js';
import { softirqSignal } from './softirqSignal.js';
import { twoEventfdsVsRmdir } from './twoEventfdsVsRmdir.js';
import { unregisterEnomem } from './unregisterEnomem.js';

export type { Scenario, ScenarioActor, ScenarioPlan } from './scenario.js';

/** Every shipped scenario, in the order `cgsim list` prints them. */
export const scenarios: readonly Scenario[] = [
  registerVsRmdir,
  closeVsRmdir,
  registerVsClose,
  registerCloseRmdir,
  signalVsClose,
  softirqSignal,
  unregisterEnomem,
  rmdirVsAttach,
  oneEventfdTwice,
  closeVsRegister,
  twoEventfdsVsRmdir,
  chargeVsRmdir,
  rmdirOneEventfdTwice,
  rmdirThenUmount,
  rmdirUmountVsClose,
  ...badWrites,
];

/**
 * Resolves a scenario argument: a name, a family prefix (`bad-write` is every `bad-write:*`), or `all`.
 * Returns an empty list for an unknown name.
 */
export function resolveScenarios(arg: string): Scenario[] {
  if (arg === 'all') return [...scenarios];
  const exact = scenarios.filter((s) => s.name === arg);
  if (exact.length > 0) return exact;
  return scenarios.filter((s) => s.name.startsWith(`${arg}:`));
}
