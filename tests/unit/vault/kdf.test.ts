// The window's side of the Argon2 worker: answers are matched to requests by id, a damaged or failed answer
// becomes a sentence, and a worker that crashes fails every waiting request instead of leaving it hanging.
import { describe, expect, it } from 'vitest';
import { KDF_FAILED_MESSAGE, workerDerive } from '../../../renderer/src/vault/kdf';
import { TEST_KDF } from './support';

/** A stand-in for the worker that records requests and lets the test answer them. */
class FakeWorker extends EventTarget {
  readonly requests: { id: number; passcode: string }[] = [];
  terminated = false;
  postMessage(message: { id: number; passcode: string }): void {
    this.requests.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function setup(): { derive: ReturnType<typeof workerDerive>; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const derive = workerDerive(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { derive, workers };
}

const salt = new Uint8Array(16);

describe('workerDerive', () => {
  it('starts one worker and matches answers to requests by id, in any order', async () => {
    const { derive, workers } = setup();
    const first = derive('first passcode', salt, TEST_KDF);
    const second = derive('second passcode', salt, TEST_KDF);
    expect(workers.length).toBe(1);
    const [worker] = workers;
    if (!worker) throw new Error('no worker');
    expect(worker.requests.map((request) => request.passcode)).toEqual(['first passcode', 'second passcode']);
    worker.answer({ id: worker.requests[1]?.id, ok: true, key: new Uint8Array(32).fill(2) });
    worker.answer({ id: worker.requests[0]?.id, ok: true, key: new Uint8Array(32).fill(1) });
    expect(await first).toEqual(new Uint8Array(32).fill(1));
    expect(await second).toEqual(new Uint8Array(32).fill(2));
  });

  it('turns a refusal into a sentence, and a malformed answer or a crash fails every waiting request', async () => {
    const { derive, workers } = setup();
    const refused = derive('p', salt, TEST_KDF);
    workers[0]?.answer({ id: 0, ok: false, message: 'out of memory' });
    await expect(refused).rejects.toThrow(KDF_FAILED_MESSAGE);

    const waiting = [derive('a', salt, TEST_KDF), derive('b', salt, TEST_KDF)];
    workers[0]?.answer({ id: 1, ok: true, key: new Uint8Array(5) });
    for (const request of waiting) await expect(request).rejects.toThrow(KDF_FAILED_MESSAGE);
    expect(workers[0]?.terminated).toBe(true);

    // The next request starts a fresh worker; a crash of that one fails its requests too.
    const afterCrash = derive('c', salt, TEST_KDF);
    expect(workers.length).toBe(2);
    workers[1]?.dispatchEvent(new Event('error'));
    await expect(afterCrash).rejects.toThrow(KDF_FAILED_MESSAGE);
  });
});
