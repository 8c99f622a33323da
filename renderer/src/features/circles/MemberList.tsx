// The circle's members: pseudonym, role, whether they are online now, and fingerprint (to check a device in
// person), with "you" marked; for facilitators, a calm note on a member whose device sent conflicting versions.
import type { ReactNode } from 'react';
import type { CircleSession, MemberView } from '../../circles/engine/circleSession';
import { useToasts } from '../../app/toasts';
import type { CircleSnapshot } from './circlesService';
import { groups } from './model';
import { Avatar } from './PostCard';

export function Fingerprint({ value }: { value: string }): ReactNode {
  return (
    <span className="fingerprint" aria-label={`Fingerprint ${groups(value).join(' ')}`}>
      {groups(value).map((part, index) => (
        <span key={index}>{part}</span>
      ))}
    </span>
  );
}

export function MemberList({
  circle,
  members,
  online,
  muted = new Set(),
  session = null,
  facilitator = false,
}: {
  circle: CircleSnapshot;
  members: readonly MemberView[];
  online: ReadonlySet<string>;
  /** Members I muted: hidden for me only. */
  muted?: ReadonlySet<string>;
  session?: CircleSession | null;
  /** Facilitators are told, calmly, about a member whose device signed conflicting versions. */
  facilitator?: boolean;
}): ReactNode {
  const { notify } = useToasts();
  const setMuted = async (member: MemberView, mute: boolean): Promise<void> => {
    if (!session) return;
    const outcome = await session.setMuted(member.keyId, mute);
    if (!outcome.ok) notify({ message: outcome.message, tone: 'error' });
    else notify({ message: mute ? `${member.pseudonym} is muted. Their posts and replies are hidden for you only; nobody is told.` : `${member.pseudonym} is no longer muted.` });
  };
  return (
    <section className="card circle-members" aria-labelledby={`members-${circle.circleId}`}>
      <h2 id={`members-${circle.circleId}`}>Members</h2>
      <ul className="member-list" role="list">
        {members.map((member) => (
          <li key={member.keyId} className="member">
            <Avatar keyId={member.keyId} pseudonym={member.pseudonym} />
            <div className="member__text">
              <p className="member__name">
                {member.pseudonym}
                {member.isMe && <span className="member__you"> (you)</span>}
              </p>
              <p className="member__role muted">{member.role === 'facilitator' ? 'Facilitator' : 'Member'}</p>
              {online.has(member.keyId) && (
                <p className="member__online">
                  <span className="status-dot status-dot--online" aria-hidden="true" />
                  Online now
                </p>
              )}
              <Fingerprint value={member.fingerprint} />
              {muted.has(member.keyId) && <p className="member__muted muted">Muted by you</p>}
              {facilitator && member.sentConflictingVersions && (
                <p className="member__conflict muted">
                  Their device sent two different versions of the same post or reply, so both are hidden for everyone. It may be a device problem; you might check in with them.
                </p>
              )}
              {session && !member.isMe && (
                <button type="button" className="link-button" onClick={() => void setMuted(member, !muted.has(member.keyId))}>
                  {muted.has(member.keyId) ? `Unmute ${member.pseudonym}` : `Mute ${member.pseudonym}`}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <p className="muted circle-members__hint">To be sure who is who, compare fingerprints in person or on a call. Muting someone hides their posts and replies for you only.</p>
    </section>
  );
}
