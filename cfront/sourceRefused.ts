/** A --source that cannot be used as asked: a function picked that the file does not define whole, or no slot. */
export class SourceRefused extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'SourceRefused';
  }
}
