/**
 * 今日打卡 for the 楼道长: per slot counts, the people with an abnormal check-in and the people missing (both with
 * phones), everyone by unit and floor. Pure.
 */
import type { BoardHome, BoardPerson, LeaderBoard, Slot, SlotSummary } from '../../../../typings/contract/health';
import { cellText } from '../../../presenters/checkIn';

const SLOT_LABEL: Record<Slot, string> = { am: '上午', pm: '下午' };
const PHASE_LABEL: Record<SlotSummary['phase'], string> = {
  upcoming: '未开始',
  open: '进行中',
  closed: '已截止',
  escalated: '已截止，未打卡的已上报网格员',
};

export interface SlotRow {
  slot: Slot;
  title: string;
  /** 应打卡 9 · 已打卡 9 · 异常 0 · 未打卡 0 · 待打卡 0 */
  counts: string;
  /** Something needs the 楼道长: 2 人异常 · 7 人未打卡 (words, not colour). */
  alert: string;
}

export interface PhoneButton {
  key: string;
  phone: string;
  text: string;
}

/** A person in 全部居民: who, how far into the isolation, today in words. */
export interface FloorRow {
  key: string;
  name: string;
  label: string;
  progress: string;
  /** 上午 已打卡 36.4 °C · 下午 未打卡 */
  today: string;
  /** 异常 / 未打卡 / '' — the word that says this person needs attention. */
  flag: string;
}

/** A person who needs the 楼道长 (abnormal, missing): the row, the home's call buttons and 代为打卡. */
export interface PersonRow extends FloorRow {
  residentId: string;
  phones: PhoneButton[];
  /** The on-behalf check-in form. */
  behalfUrl: string;
}

export interface FloorGroup {
  key: string;
  title: string;
  people: FloorRow[];
}

export interface LeaderCheckInView {
  title: string;
  clockText: string;
  slots: SlotRow[];
  /** Abnormal today (a fever, a symptom): the 楼道长 calls them first, before chasing the missing. */
  abnormal: PersonRow[];
  missing: PersonRow[];
  floors: FloorGroup[];
  people: number;
}

function flagOf(person: BoardPerson): string {
  const states = Object.values(person.cells).map((c) => c?.state);
  if (states.includes('abnormal')) return '异常';
  if (states.includes('escalated') || states.includes('missing')) return '未打卡';
  return '';
}

function toFloorRow(person: BoardPerson, home: BoardHome, slots: Slot[]): FloorRow {
  const today = slots
    .filter((s) => person.cells[s])
    .map((s) => `${SLOT_LABEL[s]} ${cellText(person.cells[s])}`)
    .join(' · ');
  return { key: person.residentId, name: person.name, label: home.label, progress: person.progress, today, flag: flagOf(person) };
}

function toPersonRow(row: FloorRow, person: BoardPerson, home: BoardHome): PersonRow {
  const query = [
    `residentId=${encodeURIComponent(person.residentId)}`,
    `name=${encodeURIComponent(person.name)}`,
    `label=${encodeURIComponent(home.label)}`,
    'behalf=1',
  ].join('&');
  return {
    ...row,
    residentId: person.residentId,
    phones: home.phones.map((p, i) => ({ key: `${i}-${p.phone}`, phone: p.phone, text: `打给${p.name}（${p.relation}）` })),
    behalfUrl: `/pages/check-in/index?${query}`,
  };
}

export function toLeaderCheckInView(board: LeaderBoard): LeaderCheckInView {
  const slotIds = board.slots.map((s) => s.slot);
  const slots = board.slots.map((s) => {
    const c = s.counts;
    const alert = [c.abnormal ? `${c.abnormal} 人异常` : '', c.missing ? `${c.missing} 人未打卡` : ''].filter(Boolean).join(' · ');
    return {
      slot: s.slot,
      title: `${s.label} ${s.window.start}–${s.window.end} · ${PHASE_LABEL[s.phase]}`,
      counts: `应打卡 ${c.expected} · 已打卡 ${c.done} · 异常 ${c.abnormal} · 未打卡 ${c.missing} · 待打卡 ${c.waiting}`,
      alert,
    };
  });
  const floors: FloorGroup[] = [];
  const abnormal: PersonRow[] = [];
  const byId = new Map<string, { row: FloorRow; person: BoardPerson; home: BoardHome }>();
  let people = 0;
  for (const unit of board.units) {
    for (const floor of unit.floors) {
      const rows: FloorRow[] = [];
      for (const home of floor.homes) {
        for (const person of home.people) {
          const row = toFloorRow(person, home, slotIds);
          rows.push(row);
          byId.set(person.residentId, { row, person, home });
          if (row.flag === '异常') abnormal.push(toPersonRow(row, person, home));
        }
      }
      people += rows.length;
      floors.push({ key: `${unit.unit}-${floor.floor}`, title: `${unit.unit}单元 ${floor.floor}层`, people: rows });
    }
  }
  const open = board.clock.openSlot;
  return {
    title: `${board.buildingName} 今日打卡（${board.day}）`,
    clockText: open ? `${SLOT_LABEL[open]}打卡进行中` : `现在不在打卡时间，下一次 ${board.clock.nextOpening} 开始`,
    slots,
    abnormal,
    missing: board.missing.flatMap((id) => {
      const found = byId.get(id);
      return found ? [toPersonRow(found.row, found.person, found.home)] : [];
    }),
    floors,
    people,
  };
}
