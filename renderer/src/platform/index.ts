// Chooses the platform: the Electron preload bridge when present, the web equivalents otherwise.
import { createElectronPlatform, electronBridge } from './electron';
import type { Platform } from './platform';
import { createWebPlatform } from './web';

export function detectPlatform(): Platform {
  const bridge = electronBridge();
  return bridge ? createElectronPlatform(bridge) : createWebPlatform();
}
