// Small pure helpers for Support: its wording, and the circle members offered as safety-plan contacts.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-12" → "December 2026". */
export function checkedLabel(month: string): string {
  const [year, number] = month.split('-');
  const name = MONTHS[Number(number) - 1];
  return name && year ? `${name} ${year}` : month;
}

/** "Saved just now" / "Saved at 14:05" for the plan's save status. */
export function savedLabel(updatedAt: number, now: number): string {
  if (updatedAt <= 0) return '';
  if (now - updatedAt < 60_000) return 'Saved just now';
  const when = new Date(updatedAt);
  const sameDay = new Date(now).toDateString() === when.toDateString();
  const time = when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? `Saved at ${time}` : `Saved ${when.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}, ${time}`;
}

export interface CircleMemberChoice {
  readonly key: string;
  readonly pseudonym: string;
  readonly circleName: string;
}

/** The part of the circles snapshot read here (only names; the circles service's snapshot fits it). */
export interface CircleMembersView {
  readonly circles: readonly {
    readonly circleId: string;
    readonly open: null | { readonly name: string | null; readonly members: readonly { readonly keyId: string; readonly pseudonym: string; readonly isMe: boolean }[] };
  }[];
}

/** Everyone else in the circles this device has open, as "pseudonym · circle" choices. */
export function membersOf(snapshot: CircleMembersView): readonly CircleMemberChoice[] {
  return snapshot.circles.flatMap((circle) =>
    (circle.open?.members ?? [])
      .filter((member) => !member.isMe)
      .map((member) => ({ key: `${circle.circleId}:${member.keyId}`, pseudonym: member.pseudonym, circleName: circle.open?.name ?? 'a circle' })),
  );
}

export function sameMembers(a: readonly CircleMemberChoice[], b: readonly CircleMemberChoice[]): boolean {
  return a.length === b.length && a.every((member, index) => member.key === b[index]?.key && member.pseudonym === b[index]?.pseudonym && member.circleName === b[index]?.circleName);
}
