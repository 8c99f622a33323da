// The Electron fuses electron-builder flips when packaging: read from build/electron-builder.yml as written,
// so switching one back on (or dropping it) fails here rather than going unnoticed in an installer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const config = readFileSync(join(import.meta.dirname, '../../../build/electron-builder.yml'), 'utf8');

/** The `electronFuses:` block's settings (two-space indented `name: value` lines). */
function fuses(): Map<string, string> {
  const block = /^electronFuses:\n((?: {2}\w+: \S+\n)+)/m.exec(config)?.[1] ?? '';
  return new Map(block.trim().split('\n').filter((line) => line !== '').map((line) => {
    const [name = '', value = ''] = line.trim().split(/:\s*/);
    return [name, value];
  }));
}

describe('packaged fuses', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
    ['enableCookieEncryption', 'true'],
  ])('%s is %s', (name, value) => {
    expect(fuses().get(name)).toBe(value);
  });

  it('packs the app into an asar archive', () => {
    expect(config).toMatch(/^asar: true$/m);
  });
});
