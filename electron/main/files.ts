// Saving and opening files through the native dialogs: the renderer never sees or chooses a path.
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { InvokeResponse, ParsedInvokeRequest } from '@shared/ipc/contract';
import { createLogger } from './log';

const log = createLogger('files');

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The dialogs the file channels need (Electron's dialog, bound to the app window, in production). */
export interface FileDialogs {
  showSaveDialog(options: { defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  showOpenDialog(options: { filters: FileFilter[]; properties: ['openFile'] }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FileServiceOptions {
  readonly dialogs: FileDialogs;
  /** The folder the save dialog starts in (e.g. Documents). */
  readonly defaultDirectory: () => string;
  readonly joinPath: (directory: string, name: string) => string;
}

export function createFileService(options: FileServiceOptions) {
  return {
    async save(request: ParsedInvokeRequest<'file:save'>): Promise<InvokeResponse<'file:save'>> {
      const name = basename(request.suggestedName);
      const extension = extname(name).slice(1);
      const filters: FileFilter[] = extension === '' ? [] : [{ name: filterName(extension), extensions: [extension] }];
      const choice = await options.dialogs.showSaveDialog({ defaultPath: options.joinPath(options.defaultDirectory(), name), filters });
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return 'cancelled';
      await writeFileAtomically(choice.filePath, request.content);
      return 'saved';
    },

    async open(request: ParsedInvokeRequest<'file:open'>): Promise<InvokeResponse<'file:open'>> {
      const filters: FileFilter[] = [{ name: filterName(request.extensions.join(', ')), extensions: [...request.extensions] }];
      const choice = await options.dialogs.showOpenDialog({ filters, properties: ['openFile'] });
      const path = choice.filePaths[0];
      if (choice.canceled || path === undefined) return { kind: 'cancelled' };
      return readLimited(path, request.maxBytes);
    },
  };
}

function filterName(extensions: string): string {
  return `${extensions.toUpperCase()} files`;
}

/** Writes to a temporary file beside the target and renames it over, so a crash never leaves half a file. */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${String(process.pid)}-${String(Date.now())}.tmp`;
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch((cleanupError: unknown) => log.warn('could not remove a temporary file', cleanupError));
    throw error;
  }
}

/** Reads a UTF-8 file unless it is larger than `maxBytes` (checked before and while reading). */
export async function readLimited(path: string, maxBytes: number): Promise<InvokeResponse<'file:open'>> {
  // Opening a pipe or device could block for ever; only regular files are read.
  if (!(await stat(path)).isFile()) throw new Error('Hearth can only open ordinary files.');
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { kind: 'too-large', bytes: size };
    // Read one byte more than allowed, so a file that grew since stat() is still caught.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { kind: 'too-large', bytes: Math.max(size, filled) };
    const content = new TextDecoder('utf-8').decode(buffer.subarray(0, filled));
    return { kind: 'opened', file: { name: basename(path), content } };
  } finally {
    await handle.close();
  }
}
