// Chooses a circle member for the safety plan's "people I can ask for help". Reads the member list from
// the circles service (read only) and hands back their pseudonym and circle name as plain text.
import { useId, useState, type ReactNode } from 'react';
import { UserPlus } from 'lucide-react';
import { useCirclesValue } from '../circles/CirclesProvider';
import { membersOf, sameMembers, type CircleMemberChoice } from './model';

export function CircleMemberPicker({ onChoose }: { onChoose: (member: CircleMemberChoice) => void }): ReactNode {
  const id = useId();
  const members = useCirclesValue(membersOf, sameMembers);
  const [chosen, setChosen] = useState('');

  if (members.length === 0) {
    return <p className="field__hint plan-circle__empty">When you are in a circle, you can add people from it here too.</p>;
  }
  const add = (): void => {
    const member = members.find((candidate) => candidate.key === chosen);
    if (!member) return;
    onChoose(member);
    setChosen('');
  };
  return (
    <div className="plan-circle">
      <label className="field__label" htmlFor={`${id}-member`}>
        Add someone from a circle
      </label>
      <div className="plan-circle__row">
        <select id={`${id}-member`} className="select" value={chosen} onChange={(event) => setChosen(event.target.value)}>
          <option value="">Choose a person…</option>
          {members.map((member) => (
            <option key={member.key} value={member.key}>
              {member.pseudonym} · {member.circleName}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small" onClick={add} disabled={chosen === ''}>
          <UserPlus aria-hidden="true" /> Add
        </button>
      </div>
      <p className="field__hint">Hearth saves their name in the circle and the circle's name, nothing else. Add a phone number if you have one.</p>
    </div>
  );
}
