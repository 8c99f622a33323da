// The page's Content Security Policy and how the build writes it into index.html.
import { describe, expect, it } from 'vitest';
import { withPolicy } from '../../../renderer/cspPlugin';
import { DEV_PAGE_POLICY, HEADER_POLICY, PAGE_POLICY } from '@shared/security/contentSecurityPolicy';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('the strict policy', () => {
  const strict = directives(PAGE_POLICY);

  it('allows no inline script or style, no eval and no remote images', () => {
    expect(PAGE_POLICY).not.toContain('unsafe-inline');
    expect(PAGE_POLICY).not.toContain("'unsafe-eval'");
    expect(strict.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(strict.get('style-src')).toEqual(["'self'"]);
    expect(strict.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('shuts frames, plugins, base and form targets, and keeps workers to the app', () => {
    expect(strict.get('frame-src')).toEqual(["'none'"]);
    expect(strict.get('object-src')).toEqual(["'none'"]);
    expect(strict.get('base-uri')).toEqual(["'none'"]);
    expect(strict.get('form-action')).toEqual(["'none'"]);
    expect(strict.get('worker-src')).toEqual(["'self'"]);
  });

  it('lets circles reach a relay people choose, but web requests only the app itself', () => {
    expect(strict.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(strict.get('connect-src')).not.toContain('https:');
  });

  it('is sent as a header with frame-ancestors, which a <meta> policy cannot carry', () => {
    expect(PAGE_POLICY).not.toContain('frame-ancestors');
    expect(HEADER_POLICY).toBe(`${PAGE_POLICY}; frame-ancestors 'none'`);
  });

  it('is loosened only for the dev server, and only for inline styles and scripts', () => {
    const dev = directives(DEV_PAGE_POLICY);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]);
    for (const [name, sources] of strict) if (name !== 'style-src' && name !== 'script-src') expect(dev.get(name)).toEqual(sources);
  });
});

describe('writing the policy into index.html', () => {
  const page = '<!doctype html>\n<html>\n  <head>\n    <meta charset="UTF-8" />\n    <title>Hearth</title>\n  </head>\n</html>';

  it('places it straight after the charset, before anything else in <head>', () => {
    const html = withPolicy(page, PAGE_POLICY, 'index.html');
    expect(html).toContain(`<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}" />\n    <title>`);
  });

  it('refuses a page that declares a policy of its own, so there is only one to keep right', () => {
    const own = page.replace('<title>', `<meta http-equiv="Content-Security-Policy" content="default-src *" />\n<title>`);
    expect(() => withPolicy(own, PAGE_POLICY, 'index.html')).toThrow(/declares its own Content-Security-Policy/);
  });

  it('refuses a page without a charset declaration', () => {
    expect(() => withPolicy(page.replace('<meta charset="UTF-8" />', ''), PAGE_POLICY, 'index.html')).toThrow(/no <meta charset/);
  });
});
