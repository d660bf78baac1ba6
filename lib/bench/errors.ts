/** The benchmark was given options it cannot use; the message names the option and the value. */
export class BenchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchOptionsError';
  }
}

/** One step of the benchmark failed; `step` names it (`build ours`, `cold query 普惠金融`…), `input` what it worked on. */
export class BenchStepError extends Error {
  constructor(
    readonly step: string,
    readonly input: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${step} (${input}): ${reason}`, options);
    this.name = 'BenchStepError';
  }
}

/** Message of anything thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
