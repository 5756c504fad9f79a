/** The errno values the modelled code returns, as negative numbers the way the kernel returns them. */
export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EBADF = 9;
export const ENOMEM = 12;
export const EACCES = 13;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const E2BIG = 7;

const NAMES: Record<number, string> = {
  [EPERM]: 'EPERM',
  [ENOENT]: 'ENOENT',
  [EINTR]: 'EINTR',
  [EBADF]: 'EBADF',
  [ENOMEM]: 'ENOMEM',
  [EACCES]: 'EACCES',
  [EBUSY]: 'EBUSY',
  [EEXIST]: 'EEXIST',
  [ENODEV]: 'ENODEV',
  [EINVAL]: 'EINVAL',
  [E2BIG]: 'E2BIG',
};

/** `-22` → `-EINVAL`; non-negative values print as numbers. */
export function errname(ret: number): string {
  if (ret >= 0) return String(ret);
  return `-${NAMES[-ret] ?? String(-ret)}`;
}
