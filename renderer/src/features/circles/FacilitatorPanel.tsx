// For facilitators: invite someone (code, the hearth://join link that carries the circle's relay, QR code,
// and what the code alone needs), the list of invites with revoke,
// join requests to approve or decline (with fingerprints), and removing a member.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Copy, UserPlus } from 'lucide-react';
import QRCode from 'qrcode';
import { useToasts } from '../../app/toasts';
import type { InviteView } from '../../circles/engine/facilitator';
import { plural } from '../../ui/format';
import { useCircles } from './CirclesProvider';
import type { MoveProgress } from '../../circles/engine/circleSession';
import type { CircleSnapshot } from './circlesService';
import { Fingerprint } from './MemberList';
import { codeAloneNote, groups, INVITE_LIFETIMES, INVITE_STATUS_LABELS, timeAgo, unreachableRelayNote } from './model';
import { useNow } from './useNow';

export function FacilitatorPanel({ circle }: { circle: CircleSnapshot }): ReactNode {
  return (
    <section className="card facilitator" aria-labelledby={`facilitator-${circle.circleId}`}>
      <h2 id={`facilitator-${circle.circleId}`}>Facilitator</h2>
      <JoinRequests circle={circle} />
      <InviteSomeone circle={circle} />
      <InviteList circle={circle} />
      <RemoveMember circle={circle} />
    </section>
  );
}

function useCopy(): (text: string, what: string) => void {
  const { notify } = useToasts();
  return (text, what) => {
    navigator.clipboard.writeText(text).then(
      () => notify({ message: `${what} copied.` }),
      () => notify({ message: `Copying didn’t work here. Select the ${what.toLowerCase()} and copy it yourself.`, tone: 'error' }),
    );
  };
}

function InviteSomeone({ circle }: { circle: CircleSnapshot }): ReactNode {
  const { service } = useCircles();
  const id = useId();
  const [lifetime, setLifetime] = useState<number>(INVITE_LIFETIMES[1].ms);
  const [uses, setUses] = useState(1);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<InviteView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (): Promise<void> => {
    const desk = service?.desk(circle.circleId);
    if (!desk || creating) return;
    setCreating(true);
    const created = await desk.createInvite({ lifetimeMs: lifetime, uses });
    setCreating(false);
    service?.refresh(circle.circleId);
    if (created.ok) {
      setShown(created.value);
      setError(null);
    } else setError(created.message);
  };

  return (
    <div className="facilitator__part">
      <h3>Invite someone</h3>
      <div className="invite-options">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-expiry`}>
            Expires after
          </label>
          <select id={`${id}-expiry`} className="select" value={lifetime} onChange={(event) => setLifetime(Number(event.target.value))}>
            {INVITE_LIFETIMES.map((option) => (
              <option key={option.ms} value={option.ms}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-uses`}>
            Can be used
          </label>
          <select id={`${id}-uses`} className="select" value={uses} onChange={(event) => setUses(Number(event.target.value))}>
            {[1, 2, 5, 10].map((count) => (
              <option key={count} value={count}>
                {count === 1 ? 'once' : `${String(count)} times`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="button" className="button button--primary" disabled={creating} onClick={() => void create()}>
        <UserPlus aria-hidden="true" /> Create invite
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {/* A shown invite that was since revoked, used or expired is not offered any more. */}
      {shown && circle.desk?.invites.find((invite) => invite.inviteId === shown.inviteId)?.status === 'pending' && <InviteShown invite={shown} />}
    </div>
  );
}

function InviteShown({ invite }: { invite: InviteView }): ReactNode {
  const copy = useCopy();
  const now = useNow();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(invite.link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#2c2823', light: '#ffffff' } }).then(
      (svg) => {
        if (current) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      // No QR code is shown; the code and link below work on their own.
      () => setQr(null),
    );
    return () => {
      current = false;
    };
  }, [invite.link]);
  const unreachable = unreachableRelayNote(invite.relays);

  return (
    <div className="invite-shown" aria-label="New invite" role="region">
      <p className="invite-shown__label">Invite code</p>
      <p className="invite-code" aria-label={`Invite code ${groups(invite.code).join(' ')}`}>
        {groups(invite.code).map((part, index) => (
          <span key={index}>{part}</span>
        ))}
      </p>
      <div className="invite-shown__row">
        <button type="button" className="button button--small" onClick={() => copy(invite.code, 'Code')}>
          <Copy aria-hidden="true" /> Copy code
        </button>
        <button type="button" className="button button--small" onClick={() => copy(invite.link, 'Link')}>
          <Copy aria-hidden="true" /> Copy link
        </button>
      </div>
      <p className="muted invite-shown__note">{codeAloneNote(invite.relays)}</p>
      <p className="invite-shown__label">Link</p>
      <p className="invite-link mono">{invite.link}</p>
      {qr && <img className="invite-qr" src={qr} width={176} height={176} alt="QR code of the invite link" />}
      <p className="muted invite-shown__note">
        The code lets someone ask to join; you still approve them. It expires {timeAgo(invite.expiresAt, now)} and can be used {invite.maxUses === 1 ? 'once' : `${String(invite.maxUses)} times`}.
      </p>
      {unreachable && <p className="notice invite-shown__note">{unreachable}</p>}
    </div>
  );
}

function InviteList({ circle }: { circle: CircleSnapshot }): ReactNode {
  const { service } = useCircles();
  const { notify } = useToasts();
  const now = useNow();
  const invites = circle.desk?.invites ?? [];
  if (invites.length === 0) return null;
  const revoke = async (inviteId: string): Promise<void> => {
    const outcome = await service?.desk(circle.circleId)?.revokeInvite(inviteId);
    service?.refresh(circle.circleId);
    if (outcome && !outcome.ok) notify({ message: outcome.message, tone: 'error' });
    else notify({ message: 'Invite revoked. Anyone who tries it is told it was withdrawn.' });
  };
  return (
    <div className="facilitator__part">
      <h3>Invites</h3>
      <ul className="invite-list" role="list">
        {invites.map((invite) => (
          <li key={invite.inviteId} className="invite-item" aria-label={`Invite ${invite.code}`}>
            <span className="mono invite-item__code">{invite.code}</span>
            <span className={`invite-status invite-status--${invite.status}`}>{INVITE_STATUS_LABELS[invite.status]}</span>
            <span className="muted invite-item__meta">
              {invite.status === 'pending' ? `expires ${timeAgo(invite.expiresAt, now)}` : ''}
              {invite.maxUses > 1 ? ` · ${String(invite.uses)} of ${plural(invite.maxUses, 'use')}` : ''}
            </span>
            {invite.status === 'pending' && (
              <button type="button" className="button button--small button--quiet" onClick={() => void revoke(invite.inviteId)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function JoinRequests({ circle }: { circle: CircleSnapshot }): ReactNode {
  const { service } = useCircles();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const requests = circle.desk?.requests ?? [];
  if (requests.length === 0) return null;
  const answer = async (requestId: string, approve: boolean): Promise<void> => {
    const desk = service?.desk(circle.circleId);
    if (!desk) return;
    const outcome = approve ? await desk.approve(requestId) : await desk.decline(requestId);
    service?.refresh(circle.circleId);
    if (!outcome.ok) setErrors((current) => ({ ...current, [requestId]: outcome.message }));
  };
  return (
    <div className="facilitator__part">
      <h3>Asking to join</h3>
      <ul className="request-list" role="list">
        {requests.map((request) => (
          <li key={request.requestId} className="request">
            <p className="member__name">{request.pseudonym}</p>
            <Fingerprint value={request.fingerprint} />
            <p className="muted">Ask them to read you their fingerprint, and check it matches.</p>
            <div className="request__actions">
              <button type="button" className="button button--small button--primary" onClick={() => void answer(request.requestId, true)}>
                Approve
              </button>
              <button type="button" className="button button--small" onClick={() => void answer(request.requestId, false)}>
                Decline
              </button>
            </div>
            {errors[request.requestId] && (
              <p className="field-error" role="alert">
                {errors[request.requestId]}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RemoveMember({ circle }: { circle: CircleSnapshot }): ReactNode {
  const { service } = useCircles();
  const { notify } = useToasts();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const others = circle.open?.members.filter((member) => !member.isMe) ?? [];
  const moving = circle.open?.moving ?? null;
  if (others.length === 0 && !moving) return null;
  const remove = async (keyId: string, pseudonym: string): Promise<void> => {
    setRemoving(pseudonym);
    const outcome = await service?.desk(circle.circleId)?.removeMember(keyId);
    setRemoving(null);
    setConfirming(null);
    if (outcome && !outcome.ok) notify({ message: outcome.message, tone: 'error' });
    else if (outcome) notify({ message: `${pseudonym} was removed. The circle now uses new keys that only the rest of you have.` });
  };
  return (
    <div className="facilitator__part">
      <h3>Remove a member</h3>
      {removing !== null && (
        <p className="notice" role="status">
          Removing {removing}: moving the circle to new keys…
        </p>
      )}
      {moving && <MoveProgressNote moving={moving} />}
      {others.length > 0 && (
        <ul className="request-list" role="list">
          {others.map((member) => (
            <li key={member.keyId} className="request">
              <p className="member__name">{member.pseudonym}</p>
              {confirming === member.keyId ? (
                <div role="alertdialog" aria-label={`Remove ${member.pseudonym} from the circle?`} className="remove-confirm">
                  <p>
                    They keep what they already received. They will not see anything new: the circle moves to new keys that only the rest of you get. Their posts since
                    the circle last changed keys (at most about a month ago) stop being shown.
                  </p>
                  <div className="request__actions">
                    <button type="button" className="button button--small" disabled={removing !== null} onClick={() => setConfirming(null)}>
                      Keep {member.pseudonym}
                    </button>
                    <button type="button" className="button button--small button--danger" disabled={removing !== null} onClick={() => void remove(member.keyId, member.pseudonym)}>
                      Remove from circle
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="button button--small button--quiet" disabled={removing !== null} onClick={() => setConfirming(member.keyId)}>
                  Remove {member.pseudonym} from circle…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Who has reached the circle's new keys since the last change, and until when the old room waits for the rest. */
function MoveProgressNote({ moving }: { moving: MoveProgress }): ReactNode {
  const waiting = moving.members.filter((member) => !member.arrived);
  const arrived = moving.members.length - waiting.length;
  const until = new Date(moving.oldRoomUntil).toLocaleDateString(undefined, { day: 'numeric', month: 'long' });
  return (
    <section className="move-progress" aria-label="Moving to new keys">
      {waiting.length === 0 ? (
        <p className="muted">Everyone has moved to the circle’s new keys.</p>
      ) : (
        <>
          <p>
            {arrived} of {plural(moving.members.length, 'member')} moved to the new keys so far. The others move when they next open Hearth while you or
            another member is online; this device keeps the old room open for them until {until}.
          </p>
          <ul className="move-progress__list" role="list">
            {moving.members.map((member) => (
              <li key={member.keyId}>
                {member.pseudonym}: {member.arrived ? 'moved' : 'not yet'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
