// Runs Argon2id (64 MiB, several hundred milliseconds) off the window's thread, so the lock screen keeps
// animating and answering while a passcode is checked. One request at a time per message; parsed first.
import { z } from 'zod';
import { ARGON2_BOUNDS, passcodeKey } from '@shared/vault/keys';

/** The parts of the dedicated worker scope used here (the renderer's types describe a window). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
declare const self: WorkerScope;

const int = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

const RequestSchema = z.strictObject({
  id: z.number().int().min(0),
  passcode: z.string().min(1).max(100_000),
  salt: z.instanceof(Uint8Array),
  params: z.strictObject({ memoryKiB: int(ARGON2_BOUNDS.memoryKiB), iterations: int(ARGON2_BOUNDS.iterations), parallelism: int(ARGON2_BOUNDS.parallelism) }),
});

async function answer(data: unknown): Promise<void> {
  const request = RequestSchema.safeParse(data);
  if (!request.success) {
    const id = typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'number' ? data.id : -1;
    self.postMessage({ id, ok: false, message: 'The passcode check was asked in a form Hearth does not know.' });
    return;
  }
  const { id, passcode, salt, params } = request.data;
  try {
    self.postMessage({ id, ok: true, key: await passcodeKey(passcode, new Uint8Array(salt), params) });
  } catch (error) {
    // hash-wasm fails only when WebAssembly or memory is unavailable; the window turns this into a sentence.
    self.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', (event) => {
  void answer(event.data);
});
