export type { Strategy } from './strategy.js';
export { ScheduleMismatchError } from './strategy.js';
export { RandomStrategy } from './random.js';
export { ReplayStrategy } from './replay.js';
