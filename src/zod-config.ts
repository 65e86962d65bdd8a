import { z } from 'zod';

// Our CSP forbids eval. Without this, zod probes `new Function` when the first object schema is
// built, and the browser reports a CSP violation (Lighthouse's "Content security policy" issue).
z.config({ jitless: true });
