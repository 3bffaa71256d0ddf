/**
 * A household is a room — building-unit-room — and the people who live there. Identity is deterministic
 * (derived from the community and the address) so that importing the same spreadsheet twice finds the same
 * households instead of making new ones.
 */
import { createHash } from 'node:crypto';
import type { HouseholdEventView, Relation, RiskColour } from '../../typings/contract/community';

export const RELATIONS: readonly Relation[] = ['本人', '配偶', '子女', '父母', '祖父母', '孙辈', '兄弟姐妹', '租户', '其他'];

export interface Household {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  floor: number;
  room: string;
  label: string;
  reachable: boolean;
  reachabilityNote?: string;
  riskColour: RiskColour;
  memberCount: number;
  pendingBindings: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Resident {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  name: string;
  relation: Relation;
  /** 11 digits, or '' when unknown (an elderly parent registered by a child). */
  phone: string;
  /** The WeChat user who is this person, when they have bound themselves. */
  openid?: string;
  /** Who registered them: import, a binding, a family member, a 楼道长. */
  source: 'import' | 'binding' | 'family' | 'leader';
  /** Their current isolation, while one is active: starting a second is refused in the same transaction. */
  isolationId?: string;
  createdAt: Date;
}

export interface HouseholdEvent {
  _id: string;
  communityId: string;
  householdId: string;
  kind: HouseholdEventView['kind'];
  /** Display name and role of who did it, kept as it was then. */
  by: string;
  byOpenid: string;
  note?: string;
  at: Date;
}

/** A short, stable id from its parts: the same address always gives the same id. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha1').update(parts.join('\u0001')).digest('hex').slice(0, 24)}`;
}

/** 3-2-301: building-unit-room, as people write it on the door and in the group. */
export function householdLabel(buildingNumber: string, unit: string, room: string): string {
  return `${buildingNumber}-${unit}-${room}`;
}

/** Floor from a room number as Chinese buildings number them: 301 → 3, 1202 → 12. */
export function floorOfRoom(room: string): number | null {
  const digits = /^(\d{3,4})$/.exec(room);
  if (!digits) return null;
  const floor = Math.floor(Number(digits[1]) / 100);
  return floor >= 1 ? floor : null;
}
