// The Vite alias that makes y-webrtc construct our framed peer (chunkedPeer.ts) instead of stock simple-peer.
//
// y-webrtc does `import Peer from 'simple-peer/simplepeer.min.js'`. The alias matches exactly that
// specifier; chunkedPeer.ts reaches the real class as 'simple-peer/simplepeer.min' (no extension),
// which the alias leaves alone. Aliases also apply while Vite pre-bundles y-webrtc in dev.
import type { Alias } from 'vite';

export const SIMPLE_PEER_SPECIFIER = /^simple-peer\/simplepeer\.min\.js$/;

/** `chunkedPeerFile`: absolute path of renderer/src/circles/transport/chunkedPeer.ts (the config knows it). */
export function framedPeerAlias(chunkedPeerFile: string): Alias {
  return { find: SIMPLE_PEER_SPECIFIER, replacement: chunkedPeerFile };
}
