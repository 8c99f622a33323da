// CRC-32 (IEEE 802.3), for noticing accidental damage (a backup file's checksum) and for cheap synchronous
// hints (a sealed record's place hint): any one changed byte, or a burst of up to 32 changed bits, changes
// it. Not a defence against deliberate changes, and not meant to be.
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A backup's checksum field for its text (as UTF-8), e.g. "crc32:0a1b2c3d". */
export function checksumOf(text: string): string {
  return `crc32:${crc32(new TextEncoder().encode(text)).toString(16).padStart(8, '0')}`;
}
