/**
 * What a kernel of one era does in the places where eras differ and the model's generic code has to know: the
 * reactions of its debug options, the values of its poison pointers, the form of its oops lines, where fields
 * sit in its structs, and the contract its headers state. Each shipped version names its era's facts
 * (model/variants/eras/); the model and the checkers read them as data, once per execution, and never ask which
 * version runs.
 */
export interface KernelFacts {
  /** Where the facts come from, for reports and the README (`include/linux/poison.h of ...`). */
  readonly source: string;
  readonly list_debug: ListDebugRules;
  /** LIST_POISON1/2 (include/linux/poison.h) with x86-64's POISON_POINTER_DELTA, as hex without 0x. */
  readonly list_poison: { readonly LIST_POISON1: string; readonly LIST_POISON2: string };
  /** The first line of the oops of a NULL pointer dereference; `{addr}` is the faulting address, 16 hex digits. */
  readonly null_deref_title: string;
  /** The same for an address no mapping backs (an ERR_PTR value plus a field's offset). */
  readonly bad_address_title: string;
  /**
   * The first line of a general protection fault (a non-canonical address, such as list poison); `{addr}` is the
   * address where the era prints it.
   */
  readonly gpf_title: string;
  /**
   * offsetof() of the struct fields the model reaches through a pointer, per C type (x86-64): a dereference of
   * NULL through a field faults at its offset. A field missing here faults at 0.
   */
  readonly offsets: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly unregister_contract: UnregisterContract;
}

/** How CONFIG_DEBUG_LIST (lib/list_debug.c) reacts to a corrupt list operation. */
export interface ListDebugRules {
  /**
   * list_del looks for LIST_POISON1/2 before it follows the entry's pointers, so deleting an entry twice warns;
   * without it, the check dereferences the poison and the CPU faults.
   */
  readonly del_checks_poison: boolean;
  /** A corrupt list_del warns and is skipped (false: it warns and unlinks all the same). */
  readonly del_skips_corrupt: boolean;
  /** A corrupt list_add warns and is skipped (false: it warns and links all the same). */
  readonly add_skips_corrupt: boolean;
}

/** What struct cftype's comment promises about unregister_event() and a cgroup's ->destroy(). */
export interface UnregisterContract {
  /**
   * True where the header says unregister_event() "can be called after destroy()": the core may, and the
   * subsystem must keep what the call needs until every event is removed. False where the core guarantees
   * that events are removed before ->destroy() (each event pins the cgroup).
   */
  readonly after_destroy: boolean;
  /** The header's words, for the report. */
  readonly words: string;
}
