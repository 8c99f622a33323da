// The shape of a hearth://join link, apart from the code inside it: small and dependency-free so that the
// IPC contract and the main process can recognise a link without the circle crypto (shared/circles/invite).
export const INVITE_LINK_PREFIX = 'hearth://join#';
/** Longest text read as an invite: eight relays of the longest allowed address, percent-encoded, fit. */
export const INVITE_LINK_MAX_CHARS = 16_384;

/** Whether text looks like an invite link (prefix and length only; the code is checked by parseInvite). */
export function looksLikeInviteLink(text: string): boolean {
  return text.length <= INVITE_LINK_MAX_CHARS && text.toLowerCase().startsWith(INVITE_LINK_PREFIX);
}
