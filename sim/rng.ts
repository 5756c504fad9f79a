import seedrandom from 'seedrandom';

/**
 * The one source of randomness in cgsim: seedrandom's Alea generator, seeded from a string. Every execution of
 * an exploration gets its own generator seeded by `<seed>/<run>`, so any run is reproducible from the seed and
 * its index alone, whatever ran before it.
 */
export class Rng {
  private readonly next: () => number;

  constructor(readonly seedText: string) {
    this.next = seedrandom.alea(seedText);
  }

  static forRun(seed: string | number, run: number): Rng {
    return new Rng(`${seed}/${run}`);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
