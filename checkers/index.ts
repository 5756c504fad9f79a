import type { Checker } from '../model/probes.js';
import { DeadlockChecker } from './deadlock.js';
import { DoubleFreeChecker } from './doubleFree.js';
import { IrqLockInversionChecker } from './irqLockInversion.js';
import { LeakChecker } from './leak.js';
import { ListCorruptionChecker } from './listCorruption.js';
import { LockOrderChecker } from './lockOrder.js';
import { LostNotificationChecker } from './lostNotification.js';
import { NullDerefChecker } from './nullDeref.js';
import { OutOfBoundsChecker } from './outOfBounds.js';
import { RecursiveLockingChecker } from './recursiveLocking.js';
import { RefcountUnderflowChecker } from './refcountUnderflow.js';
import { SleepInAtomicChecker } from './sleepInAtomic.js';
import { SoftLockupChecker } from './softLockup.js';
import { SpinlockRecursionChecker } from './spinlockRecursion.js';
import { UninitValueChecker } from './uninitValue.js';
import { UnregisterContractChecker } from './unregisterContract.js';
import { UseAfterFreeChecker } from './useAfterFree.js';

/** Every checker, fresh: one set per exploration (lockdep's graph lives as long as the set). */
export function allCheckers(): Checker[] {
  return [
    new NullDerefChecker(),
    new UseAfterFreeChecker(),
    new DoubleFreeChecker(),
    new OutOfBoundsChecker(),
    new UninitValueChecker(),
    new ListCorruptionChecker(),
    new RefcountUnderflowChecker(),
    new LockOrderChecker(),
    new IrqLockInversionChecker(),
    new RecursiveLockingChecker(),
    // After lockdep's checkers: lockdep validates an acquire before the spinlock's debug check runs.
    new SpinlockRecursionChecker(),
    new SleepInAtomicChecker(),
    new DeadlockChecker(),
    new SoftLockupChecker(),
    new UnregisterContractChecker(),
    new LostNotificationChecker(),
    new LeakChecker(),
  ];
}

export {
  DeadlockChecker,
  DoubleFreeChecker,
  IrqLockInversionChecker,
  LeakChecker,
  ListCorruptionChecker,
  LockOrderChecker,
  LostNotificationChecker,
  NullDerefChecker,
  OutOfBoundsChecker,
  RecursiveLockingChecker,
  RefcountUnderflowChecker,
  SleepInAtomicChecker,
  SoftLockupChecker,
  SpinlockRecursionChecker,
  UninitValueChecker,
  UnregisterContractChecker,
  UseAfterFreeChecker,
};
