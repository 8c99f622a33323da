// Frames and reassembly: round trips at random sizes, any order, duplicates, gaps, garbage and the caps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrames, FRAME_HEADER_BYTES, FRAME_VERSION, MAX_FRAME_BYTES } from '../../../renderer/src/circles/transport/framing';
import { Reassembler, type AcceptResult } from '../../../renderer/src/circles/transport/reassembly';

const MESSAGE_ID = 0xdead_beef;
/** Chromium's data-channel message limit, which every frame must stay under. */
const CHROMIUM_MAX_MESSAGE_BYTES = 262_144;

const message = (maxLength: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: 0, maxLength });
/** Small frames make many-frame messages cheap to generate. */
const frameBytes = fc.integer({ min: FRAME_HEADER_BYTES + 1, max: 600 });

function feed(reassembler: Reassembler, frames: readonly Uint8Array[], now = 0): AcceptResult[] {
  return frames.map((frame) => reassembler.accept(frame, now));
}

function messagesOf(results: readonly AcceptResult[]): Uint8Array[] {
  return results.flatMap((result) => (result.kind === 'message' ? [result.message] : []));
}

/** A shuffled copy, by random sort keys from fast-check (so failures shrink and replay). */
function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, index) => ({ item, key: keys[index % Math.max(keys.length, 1)] ?? 0, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}

describe('encodeFrames / decodeFrame', () => {
  it('keeps every frame within the frame size and far under Chromium’s limit', () => {
    fc.assert(
      fc.property(message(3000), frameBytes, (bytes, size) => {
        const frames = encodeFrames(MESSAGE_ID, bytes, size);
        expect(frames.length).toBe(Math.max(1, Math.ceil(bytes.length / (size - FRAME_HEADER_BYTES))));
        for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(size);
      }),
    );
    const large = encodeFrames(1, new Uint8Array(1_000_000));
    // Sent frames are 16 KiB at most (the issue: every message over 16 KiB is chunked); 64 KiB are accepted.
    for (const frame of large) expect(frame.byteLength).toBeLessThanOrEqual(Math.min(16 * 1024, MAX_FRAME_BYTES, CHROMIUM_MAX_MESSAGE_BYTES));
    expect(large.length).toBe(Math.ceil(1_000_000 / (16 * 1024 - FRAME_HEADER_BYTES)));
  });

  it('reads back the header it wrote', () => {
    const frames = encodeFrames(MESSAGE_ID, new Uint8Array([1, 2, 3, 4, 5]), FRAME_HEADER_BYTES + 2);
    expect(frames.map((frame) => decodeFrame(frame))).toEqual(
      [0, 1, 2].map((index) => ({ ok: true, frame: { messageId: MESSAGE_ID, index, count: 3, payload: expect.any(Uint8Array) as unknown } })),
    );
  });

  it('sends an empty message as one empty frame', () => {
    const frames = encodeFrames(7, new Uint8Array(0));
    expect(frames).toHaveLength(1);
    expect(new Reassembler().accept(frames[0] ?? new Uint8Array(0), 0)).toEqual({ kind: 'message', message: new Uint8Array(0) });
  });

  it('refuses impossible frame sizes', () => {
    expect(() => encodeFrames(1, new Uint8Array(10), FRAME_HEADER_BYTES)).toThrow(RangeError);
    expect(() => encodeFrames(1, new Uint8Array(10), MAX_FRAME_BYTES + 1)).toThrow(RangeError);
  });

  it('rejects frames that are short, too long, of another version or with impossible indexes', () => {
    const header = (version: number, index: number, count: number): Uint8Array => {
      const bytes = new Uint8Array(FRAME_HEADER_BYTES + 1);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, version);
      view.setUint32(1, 1);
      view.setUint16(5, index);
      view.setUint16(7, count);
      return bytes;
    };
    expect(decodeFrame(new Uint8Array(FRAME_HEADER_BYTES - 1))).toMatchObject({ ok: false });
    expect(decodeFrame(new Uint8Array(MAX_FRAME_BYTES + 1))).toMatchObject({ ok: false });
    expect(decodeFrame(header(0x00, 0, 1))).toMatchObject({ ok: false, reason: 'unknown frame version' });
    expect(decodeFrame(header(FRAME_VERSION, 0, 0))).toMatchObject({ ok: false, reason: 'frame count is zero' });
    expect(decodeFrame(header(FRAME_VERSION, 2, 2))).toMatchObject({ ok: false, reason: 'frame index out of range' });
    expect(decodeFrame(header(FRAME_VERSION, 1, 2))).toMatchObject({ ok: true });
  });
});

describe('Reassembler', () => {
  it('puts back any message, frames in order, exactly once and only at the last frame', () => {
    fc.assert(
      fc.property(message(5000), frameBytes, (bytes, size) => {
        const reassembler = new Reassembler();
        const results = feed(reassembler, encodeFrames(MESSAGE_ID, bytes, size));
        expect(results.slice(0, -1).every((result) => result.kind === 'pending')).toBe(true);
        expect(results.at(-1)).toEqual({ kind: 'message', message: bytes });
        expect(reassembler.pendingMessages).toBe(0);
      }),
    );
  });

  it('puts back a message whatever the order and however often frames repeat', () => {
    fc.assert(
      fc.property(message(4000), frameBytes, fc.array(fc.nat(), { minLength: 1 }), fc.array(fc.nat()), (bytes, size, keys, repeats) => {
        const frames = encodeFrames(MESSAGE_ID, bytes, size);
        const withDuplicates = [...frames, ...repeats.map((pick) => frames[pick % frames.length] ?? new Uint8Array(0))];
        const arrival = permute(withDuplicates, keys);
        const reassembler = new Reassembler();
        const results = feed(reassembler, arrival);
        const firstMessage = results.findIndex((result) => result.kind === 'message');
        expect(results[firstMessage]).toEqual({ kind: 'message', message: bytes });
        // The message completes exactly when the last distinct frame arrives.
        const distinctBefore = new Set(arrival.slice(0, firstMessage + 1).map((frame) => frame.join(',')));
        expect(distinctBefore.size).toBe(frames.length);
        if (frames.length > 1) {
          expect(results.slice(0, firstMessage).every((result) => result.kind === 'pending' || result.kind === 'duplicate')).toBe(true);
        }
      }),
    );
  });

  it('never completes a message with a frame missing, and forgets it after the idle timeout', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 3000 }), fc.nat(), (bytes, missing) => {
        const frames = encodeFrames(MESSAGE_ID, bytes, FRAME_HEADER_BYTES + 1 + (bytes.length % 7));
        fc.pre(frames.length > 1);
        const reassembler = new Reassembler({ partialIdleTimeoutMs: 1000 });
        const results = feed(
          reassembler,
          frames.filter((_, index) => index !== missing % frames.length),
        );
        expect(messagesOf(results)).toEqual([]);
        expect(reassembler.pendingMessages).toBe(1);
        expect(reassembler.nextDeadline()).toBe(1000);
        expect(reassembler.expire(999)).toBe(0);
        expect(reassembler.expire(1000)).toBe(1);
        expect(reassembler.pendingMessages).toBe(0);
      }),
    );
  });

  it('never throws on garbage and still puts back the messages around it', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 30 }), message(2000), fc.array(fc.nat()), (garbage, bytes, keys) => {
        // Garbage that happens to decode as a frame is not garbage; it is covered by the other tests.
        const noise = garbage.filter((frame) => !decodeFrame(frame).ok);
        const frames = encodeFrames(MESSAGE_ID, bytes, 300);
        const reassembler = new Reassembler();
        const results = feed(reassembler, permute([...noise, ...frames], keys.length > 0 ? keys : [0]));
        expect(messagesOf(results)).toEqual([bytes]);
        expect(results.filter((result) => result.kind === 'rejected')).toHaveLength(noise.length);
        expect(reassembler.pendingMessages).toBe(0);
      }),
    );
  });

  it('drops a message that grows past the size cap and refuses a single oversized frame', () => {
    const reassembler = new Reassembler({ maxMessageBytes: 100 });
    const results = feed(reassembler, encodeFrames(1, new Uint8Array(160), 59));
    expect(results.map((result) => result.kind)).toEqual(['pending', 'pending', 'rejected', 'pending']);
    expect(messagesOf(results)).toEqual([]);
    expect(reassembler.droppedPartials).toBeGreaterThanOrEqual(1);
    expect(new Reassembler({ maxMessageBytes: 10 }).accept(encodeFrames(2, new Uint8Array(11))[0] ?? new Uint8Array(0), 0)).toMatchObject({ kind: 'rejected' });
  });

  it('keeps at most the configured number of partial messages, dropping the idlest', () => {
    const reassembler = new Reassembler({ maxPartialMessages: 3 });
    const firstHalves = [1, 2, 3, 4, 5].map((id) => encodeFrames(id, new Uint8Array(30), 19));
    firstHalves.forEach((frames, index) => reassembler.accept(frames[0] ?? new Uint8Array(0), index));
    expect(reassembler.pendingMessages).toBe(3);
    // Messages 1 and 2 were the idlest and are gone; 5 can still complete.
    expect(reassembler.accept(firstHalves[4]?.[1] ?? new Uint8Array(0), 10)).toMatchObject({ kind: 'pending' });
    expect(reassembler.accept(firstHalves[4]?.[2] ?? new Uint8Array(0), 10)).toMatchObject({ kind: 'message' });
    expect(reassembler.accept(firstHalves[0]?.[1] ?? new Uint8Array(0), 10)).toMatchObject({ kind: 'pending' });
  });

  it('rejects a frame whose count disagrees with earlier frames of its message', () => {
    const reassembler = new Reassembler();
    reassembler.accept(encodeFrames(9, new Uint8Array(30), 19)[0] ?? new Uint8Array(0), 0);
    expect(reassembler.accept(encodeFrames(9, new Uint8Array(60), 19)[1] ?? new Uint8Array(0), 0)).toMatchObject({ kind: 'rejected' });
    expect(reassembler.pendingMessages).toBe(0);
  });
});
