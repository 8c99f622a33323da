// What the circles engine test page (engine.html) puts on window: one device's real engine, driven from Node.
import type { ContentWarning, EntryRef, Reaction, SharedFields } from '../../../../shared/circles/body';
import type { CheckIn } from '../../../../shared/journal/checkIn';
import type { CircleStatus, MemberView } from '../../../../renderer/src/circles/engine/circleSession';
import type { InviteView, JoinRequestView } from '../../../../renderer/src/circles/engine/facilitator';
import type { JoinView } from '../../../../renderer/src/circles/engine/joiner';
import type { Outcome } from '../../../../renderer/src/circles/engine/outcome';
import type { ShareableField } from '../../../../renderer/src/circles/engine/sharedFields';
import type { ViewPost } from '../../../../shared/circles/view';

export interface EngineStartOptions {
  /** This device's IndexedDB database (HearthDatabase) name. */
  readonly databaseName: string;
  /** This device's relay setting: for circles it creates, and for joins whose invite names no relay. */
  readonly signalingUrl: string;
}

export interface EngineDevice {
  readonly keyId: string;
  readonly fingerprint: string;
}

/** What this device holds for a circle that must never reach the relay, and the room the relay may see. */
export interface CircleSecrets {
  readonly circleId: string;
  readonly epoch: number;
  /** base64url, 32 bytes. */
  readonly epochSecret: string;
}

export interface EnginePageApi {
  /** Opens the database, loads (or creates) this device's identity and starts a Joiner. */
  start(options: EngineStartOptions): Promise<Outcome<EngineDevice>>;
  /** Founds a circle on this device (as its facilitator); returns the circle id. */
  createCircle(input: { name: string; charter: string; pseudonym: string }): Promise<Outcome<string>>;
  /** Opens a circle session from this device's record (from disk, then the network). */
  openCircle(circleId: string): Promise<Outcome>;
  /** Closes the session and its link: this device is offline for that circle. */
  closeCircle(circleId: string): Promise<void>;
  /** Opens the facilitator's desk on an open circle. */
  openDesk(circleId: string): Promise<void>;
  createInvite(options: { lifetimeMs?: number; uses?: number }): Promise<Outcome<InviteView>>;
  invites(): InviteView[];
  requests(): JoinRequestView[];
  approve(requestId: string): Promise<Outcome>;
  decline(requestId: string): Promise<Outcome>;
  join(code: string, pseudonym: string): Promise<Outcome<JoinView>>;
  joins(): JoinView[];
  /** The share preview: exactly the fields that would leave the device. */
  pickSharedFields(checkIn: CheckIn, chosen: ShareableField[]): SharedFields;
  circleInfo(circleId: string): { name: string; charter: string } | null;
  needsCharterAcceptance(circleId: string): boolean;
  acceptCharter(circleId: string): Promise<Outcome>;
  share(circleId: string, input: { fields: SharedFields; contentWarning?: ContentWarning }): Promise<Outcome<EntryRef>>;
  reply(circleId: string, parent: EntryRef, text: string): Promise<Outcome<EntryRef>>;
  react(circleId: string, target: EntryRef, reaction: Reaction): Promise<Outcome<EntryRef>>;
  posts(circleId: string): ViewPost[];
  members(circleId: string): MemberView[];
  /** Key ids of the other members this device sees online now (verified presence). */
  online(circleId: string): string[];
  status(circleId: string): CircleStatus;
  secrets(circleId: string): CircleSecrets;
  /** Closes every session, the desk and the joiner. */
  shutdown(): Promise<void>;
}

declare global {
  interface Window {
    hearthEngine?: EnginePageApi;
  }
}
