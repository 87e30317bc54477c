import { z } from 'zod';

// zod probes for eval support with `new Function` on its first parse; under the window's CSP (no eval) the
// probe fails harmlessly but is reported as a CSP violation, which would hide real ones. Jitless skips it.
z.config({ jitless: true });
