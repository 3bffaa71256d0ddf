/**
 * 楼栋一览: units side by side, floors top-down, rooms left to right — each room a cell coloured by its risk
 * colour AND marked in words (never colour alone), with a dot when someone asks to bind to it.
 */
import type { BoardRoom, BuildingBoard, RiskColour } from '../../../../typings/contract/community';
import { RISK_LABELS, RISK_MARKERS, RISK_ORDER } from '../../../presenters/risk';

export interface RoomCell {
  householdId: string;
  room: string;
  colour: RiskColour;
  marker: string;
  pending: boolean;
  /** What a screen reader says: 602室，绿·正常，1 人，有待确认的绑定. */
  ariaLabel: string;
}

export interface FloorRow {
  floor: number;
  label: string;
  /** One group per unit, in the units' order; a unit without this floor has no rooms here. */
  units: { unit: string; rooms: RoomCell[] }[];
}

export interface BoardView {
  name: string;
  stats: { label: string; value: number; alert: boolean }[];
  legend: { colour: RiskColour; label: string; count: number }[];
  unitHeaders: { unit: string; label: string; width: number }[];
  floors: FloorRow[];
  pendingBindings: number;
}

export function roomCell(r: BoardRoom): RoomCell {
  const words = [`${r.room}室`, RISK_LABELS[r.riskColour], `${r.memberCount} 人`, r.pendingBindings > 0 ? '有待确认的绑定' : ''];
  return {
    householdId: r.householdId,
    room: r.room,
    colour: r.riskColour,
    marker: RISK_MARKERS[r.riskColour] ?? '',
    pending: r.pendingBindings > 0,
    ariaLabel: words.filter(Boolean).join('，'),
  };
}

/** Width of a unit's column in rooms: its widest floor, so the units line up floor by floor. */
const widest = (u: BuildingBoard['units'][number]) => Math.max(1, ...u.floors.map((f) => f.rooms.length));

/** Pure: the board as rows of floors (top first) across the units. */
export function toBoardView(board: BuildingBoard): { empty: boolean; view: BoardView } {
  const floorNumbers = [...new Set(board.units.flatMap((u) => u.floors.map((f) => f.floor)))].sort((a, b) => b - a);
  const floors = floorNumbers.map((floor) => ({
    floor,
    label: `${floor}层`,
    units: board.units.map((u) => ({ unit: u.unit, rooms: (u.floors.find((f) => f.floor === floor)?.rooms ?? []).map(roomCell) })),
  }));
  const c = board.counts;
  return {
    empty: floors.length === 0,
    view: {
      name: board.name,
      stats: [
        { label: '住户', value: c.households, alert: false },
        { label: '居民', value: c.residents, alert: false },
        { label: '未联系上', value: c.unreachable, alert: c.unreachable > 0 },
      ],
      legend: RISK_ORDER.map((colour) => ({ colour, label: RISK_LABELS[colour], count: c[colour] ?? 0 })),
      unitHeaders: board.units.map((u) => ({ unit: u.unit, label: `${u.unit}单元`, width: widest(u) })),
      floors,
      pendingBindings: c.pendingBindings,
    },
  };
}
