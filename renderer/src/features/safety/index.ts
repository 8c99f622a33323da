// Crisis support, for other features to place: the gentle offer under a draft, its hook, and opening
// Support from anywhere.
export { CrisisOffer, type CrisisOfferProps } from './CrisisOffer';
export { useCrisisCheck, type DraftCrisisCheck } from './useCrisisCheck';
export { openSupport, type SupportSection } from './support';
