/**
 * The model did not do the same thing twice from the same schedule: replaying a prefix chose an actor that is
 * not runnable, touched other objects, or a witness did not find its bug again. Every schedule cgsim prints
 * rests on replay, so a model that depends on anything but the schedule (state kept between runs, a clock, a
 * random source) is refused rather than given replay commands that fail.
 */
export class NondeterminismError extends Error {
  constructor(what: string) {
    super(`the model is not deterministic: ${what}`);
    this.name = 'NondeterminismError';
  }
}
