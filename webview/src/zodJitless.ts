// Imported first by main.ts: zod decides whether to JIT when a schema is built, i.e. while protocol/ modules load.
// Its JIT probes `new Function`, which a strict CSP reports as a violation even though zod catches the error.
import { z } from 'zod';

z.config({ jitless: true });
