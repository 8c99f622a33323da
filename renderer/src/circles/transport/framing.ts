// Splits y-webrtc messages into data-channel frames (16 KiB when sending, the size every WebRTC stack
// delivers whole; up to 64 KiB accepted, as earlier versions sent) and puts them back together.
//
// Chromium refuses data-channel messages over 256 KiB (and y-webrtc swallows the error), so every
// message travels as one or more frames: [version:u8][messageId:u32][index:u16][count:u16][payload].
// Frames come from peers, so decoding never trusts them: every check returns a reason instead of throwing.

export const FRAME_VERSION = 0xc1;
export const FRAME_HEADER_BYTES = 9;
/** Largest frame accepted, header included: well under Chromium's 262,144-byte message limit. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The frame size sent: every message over 16 KiB travels in pieces (measured: no slower than 64 KiB frames). */
export const SEND_FRAME_BYTES = 16 * 1024;
export const MAX_FRAME_PAYLOAD_BYTES = MAX_FRAME_BYTES - FRAME_HEADER_BYTES;
/** The frame count field is a u16. */
const MAX_FRAME_COUNT = 0xffff;

export interface Frame {
  readonly messageId: number;
  readonly index: number;
  readonly count: number;
  readonly payload: Uint8Array;
}

export type FrameDecodeResult = { readonly ok: true; readonly frame: Frame } | { readonly ok: false; readonly reason: string };

/** Encodes one message as frames of at most `frameBytes` bytes (header included). An empty message is one empty frame. */
export function encodeFrames(messageId: number, message: Uint8Array, frameBytes: number = SEND_FRAME_BYTES): Uint8Array[] {
  const payloadBytes = frameBytes - FRAME_HEADER_BYTES;
  if (!Number.isInteger(payloadBytes) || payloadBytes < 1 || frameBytes > MAX_FRAME_BYTES) {
    throw new RangeError(`frame size must be between ${String(FRAME_HEADER_BYTES + 1)} and ${String(MAX_FRAME_BYTES)} bytes`);
  }
  const count = Math.max(1, Math.ceil(message.byteLength / payloadBytes));
  if (count > MAX_FRAME_COUNT) throw new RangeError(`message of ${String(message.byteLength)} bytes needs too many frames`);
  const id = messageId >>> 0;
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const payload = message.subarray(index * payloadBytes, (index + 1) * payloadBytes);
    const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
    const view = new DataView(frame.buffer);
    view.setUint8(0, FRAME_VERSION);
    view.setUint32(1, id);
    view.setUint16(5, index);
    view.setUint16(7, count);
    frame.set(payload, FRAME_HEADER_BYTES);
    frames.push(frame);
  }
  return frames;
}

/** Reads one frame's header; the payload is a view into `bytes`, not a copy. */
export function decodeFrame(bytes: Uint8Array): FrameDecodeResult {
  if (bytes.byteLength < FRAME_HEADER_BYTES) return { ok: false, reason: 'frame shorter than its header' };
  if (bytes.byteLength > MAX_FRAME_BYTES) return { ok: false, reason: 'frame larger than 64 KiB' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== FRAME_VERSION) return { ok: false, reason: 'unknown frame version' };
  const messageId = view.getUint32(1);
  const index = view.getUint16(5);
  const count = view.getUint16(7);
  if (count === 0) return { ok: false, reason: 'frame count is zero' };
  if (index >= count) return { ok: false, reason: 'frame index out of range' };
  return { ok: true, frame: { messageId, index, count, payload: bytes.subarray(FRAME_HEADER_BYTES) } };
}
