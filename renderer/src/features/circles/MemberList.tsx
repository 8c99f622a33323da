// The circle's members: pseudonym, role, whether they are online now, and fingerprint (to check a device in
// person), with "you" marked.
import type { ReactNode } from 'react';
import type { MemberView } from '../../circles/engine/circleSession';
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

export function MemberList({ circle, members, online }: { circle: CircleSnapshot; members: readonly MemberView[]; online: ReadonlySet<string> }): ReactNode {
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
            </div>
          </li>
        ))}
      </ul>
      <p className="muted circle-members__hint">To be sure who is who, compare fingerprints in person or on a call.</p>
    </section>
  );
}
