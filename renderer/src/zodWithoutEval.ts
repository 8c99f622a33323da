// What `import … from 'zod'` means in the page (renderer/vite.config.ts points 'zod' here): zod itself, set up
// before any schema is made. zod builds faster object parsers with `new Function()` when it may, and probes
// for that as each object schema is created; the page's policy allows no eval, so the probe is refused and
// reported as a Content Security Policy violation. Parsing without the compiled fast path gives the same
// results. Only a module that every schema module imports runs early enough, hence the alias rather than a
// call in main.tsx (whose body runs after all of its imports).
import { config } from 'zod/v4/core';
import { z } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
