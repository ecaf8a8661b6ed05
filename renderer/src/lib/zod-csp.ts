import { z } from 'zod';

// zod probes `new Function('')` to decide whether to compile parsers; under our CSP (no
// 'unsafe-eval') that probe is blocked and reported as a violation. Tell it up front not to try.
z.config({ jitless: true });
