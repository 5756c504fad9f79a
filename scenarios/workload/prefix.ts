/** How a scenario built from a workload's one-line text is named: `workload:<text>`. */
export const WORKLOAD_PREFIX = 'workload:';
