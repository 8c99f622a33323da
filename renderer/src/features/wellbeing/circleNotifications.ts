// Raises one calm desktop notification when something live happens in a circle while Hearth is not in
// front of the person: a new post, or a reply to their post. Never content, never the circle's name.
import { useEffect, useRef } from 'react';
import { deviceTimeZone } from '@shared/journal/days';
import { circleActivity, decideNotice, type CircleWatch } from '@shared/wellbeing/circleNotices';
import { navigate } from '../../app/router';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { logger } from '../../logger';
import { useCirclesValue } from '../circles/CirclesProvider';
import type { CircleSnapshot, CirclesSnapshot } from '../circles/circlesService';

const selectCircles = (snapshot: CirclesSnapshot): readonly CircleSnapshot[] => snapshot.circles;
const sameList = (a: readonly CircleSnapshot[], b: readonly CircleSnapshot[]): boolean => a === b;

function windowIsActive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** A notification tag for a circle that does not show its id: the same circle always gets the same tag. */
function tagFor(circleId: string, tags: Map<string, string>): string {
  let tag = tags.get(circleId);
  if (!tag) {
    tag = `c${String(tags.size + 1)}`;
    tags.set(circleId, tag);
  }
  return tag;
}

/** Watches every open circle; mounted once, in the app shell. */
export function useCircleNotifications(): void {
  const { platform } = useServices();
  const { settings } = useSettings();
  const circles = useCirclesValue(selectCircles, sameList);
  const wellbeing = useRef(settings.wellbeing);
  const watches = useRef(new Map<string, CircleWatch>());
  const lastShown = useRef(new Map<string, number>());
  const tags = useRef(new Map<string, string>());

  useEffect(() => {
    wellbeing.current = settings.wellbeing;
  }, [settings.wellbeing]);

  useEffect(() => {
    const now = Date.now();
    for (const circle of circles) {
      if (!circle.open) continue;
      const me = circle.open.members.find((member) => member.isMe)?.keyId ?? null;
      const { watch, kind } = circleActivity(watches.current.get(circle.circleId), circle.open.posts, me, now, { joinedAt: circle.record.joinedAt });
      watches.current.set(circle.circleId, watch);
      if (kind === null) continue;
      const decision = decideNotice(wellbeing.current, { now, zone: deviceTimeZone(), windowActive: windowIsActive(), lastShownAt: lastShown.current.get(circle.circleId) });
      if (decision !== 'show') continue;
      lastShown.current.set(circle.circleId, now);
      const circleId = circle.circleId;
      platform
        .showCircleNotice(kind, tagFor(circleId, tags.current))
        .then((result) => {
          if (result === 'clicked') navigate('circles', { circle: circleId });
        })
        .catch((error: unknown) => logger.warn('a circle notification could not be shown', error));
    }
  }, [circles, platform]);
}
