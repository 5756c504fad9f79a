import type { Site } from '../sim/site.js';

export type { Site } from '../sim/site.js';
export { formatSite, shortSite } from '../sim/site.js';

/**
 * Where model code points into the kernel. Sites are created once, at module load, and shared by every step
 * that mirrors the same line, so labelling a step costs nothing while exploring.
 */
export function at(file: string, fn: string, line = 0): Site {
  const site = Object.freeze({ fn, file, line });
  createdSites.push(site);
  return site;
}

/** Every site created so far, so tests can hold each labelled line against the source it claims to mirror. */
export const createdSites: Site[] = [];

/** The sites of one C function: `const L = fnSites('kernel/cgroup.c', 'cgroup_event_remove')`, then `L(2863)`. */
export function fnSites(file: string, fn: string): (line?: number) => Site {
  const cache = new Map<number, Site>();
  return (line = 0) => {
    let s = cache.get(line);
    if (s === undefined) {
      s = at(file, fn, line);
      cache.set(line, s);
    }
    return s;
  };
}
