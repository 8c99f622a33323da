// Saving and opening files through (fake) native dialogs, on a real temporary folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileService, readLimited, type FileDialogs } from '../../../electron/main/files';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'hearth-files-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function service(choice: { save?: string | null; open?: string | null }) {
  const dialogs = {
    showSaveDialog: vi.fn<FileDialogs['showSaveDialog']>(() =>
      Promise.resolve(choice.save === undefined || choice.save === null ? { canceled: true } : { canceled: false, filePath: choice.save }),
    ),
    showOpenDialog: vi.fn<FileDialogs['showOpenDialog']>(() =>
      Promise.resolve(choice.open === undefined || choice.open === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [choice.open] }),
    ),
  };
  return { files: createFileService({ dialogs, defaultDirectory: () => directory, joinPath: join }), dialogs };
}

describe('file:save', () => {
  it('writes the content where the person chose, leaving no temporary file', async () => {
    const target = join(directory, 'export.json');
    const { files, dialogs } = service({ save: target });
    await expect(files.save({ suggestedName: 'hearth.json', content: '{"ok":true}', mimeType: 'application/json' })).resolves.toBe('saved');
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}');
    expect(readdirSync(directory)).toEqual(['export.json']);
    expect(dialogs.showSaveDialog).toHaveBeenCalledWith({ defaultPath: join(directory, 'hearth.json'), filters: [{ name: 'JSON files', extensions: ['json'] }] });
  });

  it('replaces an existing file', async () => {
    const target = join(directory, 'export.md');
    writeFileSync(target, 'old');
    const { files } = service({ save: target });
    await files.save({ suggestedName: 'export.md', content: 'new', mimeType: 'text/markdown' });
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('reports a cancelled dialog', async () => {
    const { files } = service({ save: null });
    await expect(files.save({ suggestedName: 'a.csv', content: 'x', mimeType: 'text/csv' })).resolves.toBe('cancelled');
  });

  it('fails, leaving nothing behind, when the folder cannot be written', async () => {
    const { files } = service({ save: join(directory, 'missing-folder', 'a.json') });
    await expect(files.save({ suggestedName: 'a.json', content: 'x', mimeType: 'application/json' })).rejects.toThrow();
    expect(readdirSync(directory)).toEqual([]);
  });
});

describe('file:open', () => {
  it('reads the chosen file as text, with its name but not its folder', async () => {
    const source = join(directory, 'backup.json');
    writeFileSync(source, '{"entries":[]} ✓');
    const { files, dialogs } = service({ open: source });
    await expect(files.open({ extensions: ['json'], maxBytes: 1024 })).resolves.toEqual({ kind: 'opened', file: { name: 'backup.json', content: '{"entries":[]} ✓' } });
    expect(dialogs.showOpenDialog).toHaveBeenCalledWith({ filters: [{ name: 'JSON files', extensions: ['json'] }], properties: ['openFile'] });
  });

  it('refuses a file over the limit without reading it', async () => {
    const source = join(directory, 'big.json');
    writeFileSync(source, 'x'.repeat(2048));
    const { files } = service({ open: source });
    await expect(files.open({ extensions: ['json'], maxBytes: 1024 })).resolves.toEqual({ kind: 'too-large', bytes: 2048 });
  });

  it('accepts a file exactly at the limit', async () => {
    const source = join(directory, 'edge.json');
    writeFileSync(source, 'x'.repeat(1024));
    await expect(readLimited(source, 1024)).resolves.toMatchObject({ kind: 'opened' });
  });

  it('refuses to read a folder', async () => {
    await expect(readLimited(directory, 1024)).rejects.toThrow('ordinary files');
  });

  it('reports a cancelled dialog', async () => {
    const { files } = service({ open: null });
    await expect(files.open({ extensions: ['json'], maxBytes: 1024 })).resolves.toEqual({ kind: 'cancelled' });
  });
});
