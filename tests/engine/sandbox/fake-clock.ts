import { FakeClock as BaseClock } from '../helpers/fake-clock.js';

/** The engine tests' hand-driven clock, starting where the sandbox tests' fixtures expect it. */
export class FakeClock extends BaseClock {
  constructor(start = Date.UTC(2026, 2, 2, 9, 0, 0)) {
    super(start);
  }
}
