// The passcode derivation the app uses: Argon2id in a Web Worker (kdf.worker.ts), so the window stays
// responsive; in-thread where there is no Worker (Node tests pass `passcodeKey` explicitly anyway).
import { z } from 'zod';
import { passcodeKey, type PasscodeDerive } from '@shared/vault/keys';

const ResponseSchema = z.union([
  z.strictObject({ id: z.number().int(), ok: z.literal(true), key: z.instanceof(Uint8Array).refine((key) => key.length === 32) }),
  z.strictObject({ id: z.number().int(), ok: z.literal(false), message: z.string().max(2000) }),
]);

export const KDF_FAILED_MESSAGE =
  'Hearth could not check the passcode on this computer (its memory-hard check did not run). Nothing has been changed; restarting Hearth usually helps.';

/** A derive function backed by one lazily started worker; requests are answered in any order, by id. */
export function workerDerive(startWorker: () => Worker = () => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' })): PasscodeDerive {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (key: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void }>();

  const failAll = (): void => {
    for (const waiting of pending.values()) waiting.reject(new Error(KDF_FAILED_MESSAGE));
    pending.clear();
    worker?.terminate();
    worker = null;
  };

  const started = (): Worker => {
    if (worker) return worker;
    const created = startWorker();
    created.addEventListener('message', (event: MessageEvent<unknown>) => {
      const response = ResponseSchema.safeParse(event.data);
      if (!response.success) return failAll();
      const waiting = pending.get(response.data.id);
      pending.delete(response.data.id);
      if (!waiting) return;
      if (response.data.ok) waiting.resolve(new Uint8Array(response.data.key));
      else waiting.reject(new Error(KDF_FAILED_MESSAGE));
    });
    created.addEventListener('error', failAll);
    worker = created;
    return created;
  };

  return (passcode, salt, params) =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      pending.set(id, { resolve, reject });
      started().postMessage({ id, passcode, salt, params: { memoryKiB: params.memoryKiB, iterations: params.iterations, parallelism: params.parallelism } });
    });
}

export function defaultDerive(): PasscodeDerive {
  return typeof Worker === 'function' ? workerDerive() : passcodeKey;
}
