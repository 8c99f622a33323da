// Writes the page's Content Security Policy into index.html: the strict policy in every build, a looser one
// only on the dev server (see shared/security/contentSecurityPolicy.ts). index.html itself carries no
// policy, so there is one source for it and no second copy to drift.
import type { Plugin } from 'vite';
import { DEV_PAGE_POLICY, PAGE_POLICY } from '../shared/security/contentSecurityPolicy.ts';

const EXISTING_POLICY = /<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i;
const CHARSET = /<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i;

/** index.html with the policy placed right after its charset declaration. */
export function withPolicy(html: string, policy: string, fileName: string): string {
  if (EXISTING_POLICY.test(html)) {
    throw new Error(`${fileName} declares its own Content-Security-Policy; remove it: the policy lives in shared/security/contentSecurityPolicy.ts`);
  }
  const charset = CHARSET.exec(html);
  if (charset === null) throw new Error(`${fileName} has no <meta charset="UTF-8">; the policy goes right after it`);
  // Straight after the charset (which must come first), before any script or stylesheet tag is read.
  const end = charset.index + charset[0].length;
  return `${html.slice(0, end)}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />${html.slice(end)}`;
}

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'hearth:content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) => withPolicy(html, context.server === undefined ? PAGE_POLICY : DEV_PAGE_POLICY, context.filename),
    },
  };
}
