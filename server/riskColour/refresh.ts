/**
 * Keeps a household's stored colour equal to what its facts say: unreachable (blue), a member under home monitoring
 * (yellow) or home isolation (orange), an abnormal check-in nobody has dealt with yet (red) — the most severe wins.
 * Called after every change that can move a colour (reachability, isolation start / release / end, an abnormal
 * check-in, an alert marked done); idempotent, so running it again after a failure repairs the colour.
 */
import type { RiskColour } from '../../typings/contract/community';
import { CHECK_INS, type CheckIn } from '../checkIn/checkIn';
import { COLLECTIONS } from '../community/records';
import { MAX_READ } from '../community/registry';
import type { Household } from '../household/household';
import { ISOLATIONS, isolationStatus, type Isolation } from '../isolation/isolation';
import type { Database } from '../platform/database';
import type { Day } from '../time/shanghai';
import { deriveRiskColour, type RiskFacts } from './riskColour';

export type HealthFacts = Omit<RiskFacts, 'unreachable'>;

/** Isolation and open alerts of each household, in two requests whatever the number of households. */
export async function healthFacts(
  db: Database,
  communityId: string,
  householdIds: string[],
  today: Day,
): Promise<Map<string, HealthFacts>> {
  const facts = new Map<string, HealthFacts>(householdIds.map((id) => [id, {}]));
  if (!householdIds.length) return facts;
  const _ = db.command;
  const [isolations, alerts] = await Promise.all([
    db
      .collection<Isolation>(ISOLATIONS)
      .where({ communityId, householdId: _.in(householdIds), lastDay: _.gte(today) })
      .limit(MAX_READ)
      .get(),
    db
      .collection<CheckIn>(CHECK_INS)
      .where({ communityId, householdId: _.in(householdIds), alertOpen: true })
      .field({ householdId: true })
      .limit(MAX_READ)
      .get(),
  ]);
  for (const iso of isolations.data) {
    if (iso.startDay > today || isolationStatus(iso, today) !== 'active') continue;
    const f = facts.get(iso.householdId)!;
    // Several isolated members: the stricter kind decides.
    if (iso.kind === 'homeIsolation' || !f.isolation) f.isolation = iso.kind;
  }
  for (const c of alerts.data) facts.get(c.householdId)!.abnormal = true;
  return facts;
}

/** Recomputes and stores the colour of each household; writes only those that changed. Answers the colours. */
export async function refreshRiskColours(
  db: Database,
  communityId: string,
  householdIds: string[],
  today: Day,
  at: Date,
): Promise<Map<string, RiskColour>> {
  const ids = [...new Set(householdIds)];
  if (!ids.length) return new Map();
  const [households, facts] = await Promise.all([
    db
      .collection<Household>(COLLECTIONS.households)
      .where({ _id: db.command.in(ids) })
      .limit(MAX_READ)
      .get(),
    healthFacts(db, communityId, ids, today),
  ]);
  const colours = new Map<string, RiskColour>();
  for (const h of households.data) {
    const colour = deriveRiskColour({ unreachable: !h.reachable, ...facts.get(h._id) });
    colours.set(h._id, colour);
    if (colour !== h.riskColour)
      await db
        .collection(COLLECTIONS.households)
        .doc(h._id)
        .update({ data: { riskColour: colour, updatedAt: at } });
  }
  return colours;
}
