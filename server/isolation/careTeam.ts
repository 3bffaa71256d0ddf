/**
 * 「五包一」: up to five named people who look after an isolated household — a community cadre, the community doctor,
 * a police officer, the 楼道长, a volunteer. Anyone may be on it; those whose phone belongs to an appointed staff
 * member who uses the app are recognised, so alerts reach them in the app as well as by phone.
 */
import type { CareTeamMemberView } from '../../typings/contract/health';
import type { Assignment } from '../assignment/assignment';
import { mobile, personName } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import type { Database } from '../platform/database';
import { field } from '../platform/validation';
import { CARE_ROLES, MAX_CARE_TEAM, type CareTeamEntry } from './isolation';

export const careTeamField = field.array(
  field.object(
    { role: field.oneOf(CARE_ROLES, { label: '「五包一」职责' }), name: personName, phone: mobile },
    { label: '「五包一」人员' },
  ),
  {
    label: '「五包一」人员',
    max: MAX_CARE_TEAM,
    unique: true,
  },
);

/** The care team with the openid of each member who is an active staff member of the community (one request). */
export async function resolveCareTeam(db: Database, communityId: string, team: Omit<CareTeamEntry, 'openid'>[]): Promise<CareTeamEntry[]> {
  if (!team.length) return [];
  const _ = db.command;
  const staff = (
    await db
      .collection<Assignment>(COLLECTIONS.assignments)
      .where({ communityId, status: 'active', phone: _.in([...new Set(team.map((m) => m.phone))]) })
      .limit(100)
      .get()
  ).data;
  return team.map((m) => {
    const openid = staff.find((a) => a.phone === m.phone && a.openid)?.openid;
    return { role: m.role, name: m.name, phone: m.phone, ...(openid ? { openid } : {}) };
  });
}

export const careTeamView = (team: CareTeamEntry[]): CareTeamMemberView[] =>
  team.map((m) => ({ role: m.role, name: m.name, phone: m.phone, usesApp: Boolean(m.openid) }));

export const careTeamOpenids = (team: CareTeamEntry[]): string[] => team.flatMap((m) => (m.openid ? [m.openid] : []));
