/** 打卡看板 for the grid worker: the people who need someone first, then completion per building. Pure. */
import type { AttentionPerson, GridBoard, Slot } from '../../../../typings/contract/health';

const SLOT_LABEL: Record<Slot, string> = { am: '上午', pm: '下午' };
const REASON_LABEL: Record<AttentionPerson['reason'], string> = {
  abnormal: '体温或症状异常',
  escalated: '未打卡，已上报',
  missing: '未打卡',
};

export interface AttentionRow {
  key: string;
  title: string;
  /** 下午 体温或症状异常：37.6 °C，咳嗽 */
  reason: string;
  flag: string;
  phones: { key: string; phone: string; text: string }[];
}

export interface BuildingCompletion {
  buildingId: string;
  /** The building's own board (the 楼道长's), with every person in it. */
  url: string;
  title: string;
  /** 上午 9/9 已完成 · 下午 0/9 进行中（异常 1，待打卡 8） */
  lines: string[];
  /** In words: 有 1 人异常 / '' */
  alert: string;
}

export interface GridCheckInView {
  title: string;
  slots: string[];
  /** 需要马上处理（3 人）: everyone, listed or not */
  attentionTitle: string;
  /** When only the most urgent are listed: how to find the others; '' otherwise. */
  attentionMore: string;
  attention: AttentionRow[];
  buildings: BuildingCompletion[];
}

export function toGridCheckInView(board: GridBoard): GridCheckInView {
  const attention = board.attention.map((p, i) => {
    const detail =
      p.reason === 'abnormal'
        ? `：${p.temperature !== undefined ? `${p.temperature.toFixed(1)} °C` : ''}${p.symptomLabels?.length ? `，${p.symptomLabels.join('、')}` : ''}`
        : '';
    return {
      key: `${p.residentId}-${p.slot}-${i}`,
      title: `${p.name} · ${p.buildingName} ${p.label}`,
      reason: `${SLOT_LABEL[p.slot]} ${REASON_LABEL[p.reason]}${detail}`,
      flag: p.reason === 'abnormal' ? '异常' : '未打卡',
      phones: p.phones.map((ph, j) => ({ key: `${j}-${ph.phone}`, phone: ph.phone, text: `打给${ph.name}（${ph.relation}）` })),
    };
  });
  const phases = new Map(board.slots.map((s) => [s.slot, s.phase]));
  const buildings = board.buildings.map((b) => {
    let abnormal = 0;
    let missing = 0;
    const lines = (Object.keys(b.slots) as Slot[]).map((slot) => {
      const c = b.slots[slot]!;
      abnormal += c.abnormal;
      missing += c.missing;
      const done = c.done + c.abnormal;
      const state = c.complete ? '已完成' : phases.get(slot) === 'upcoming' ? '未开始' : phases.get(slot) === 'open' ? '进行中' : '未完成';
      const extra = [c.abnormal ? `异常 ${c.abnormal}` : '', c.missing ? `未打卡 ${c.missing}` : '', c.waiting ? `待打卡 ${c.waiting}` : '']
        .filter(Boolean)
        .join('，');
      return `${SLOT_LABEL[slot]} ${done}/${c.expected} ${state}${extra ? `（${extra}）` : ''}`;
    });
    const alert = [abnormal ? `${abnormal} 人异常` : '', missing ? `${missing} 人次未打卡` : ''].filter(Boolean).join(' · ');
    return {
      buildingId: b.buildingId,
      url: `/packages/leader/pages/check-ins/index?buildingId=${encodeURIComponent(b.buildingId)}`,
      title: `${b.buildingName} · 隔离和监测 ${b.isolated} 人`,
      lines,
      alert,
    };
  });
  const slots = board.slots.map((s) => {
    const c = s.counts;
    return `${s.label} ${s.window.start}–${s.window.end}：应打卡 ${c.expected}，已打卡 ${c.done}，异常 ${c.abnormal}，未打卡 ${c.missing}，待打卡 ${c.waiting}`;
  });
  const unlisted = board.attentionTotal - board.attention.length;
  return {
    title: `${board.gridName} 打卡看板（${board.day}）`,
    slots,
    attentionTitle: `需要马上处理（${board.attentionTotal} 人）`,
    attentionMore: unlisted > 0 ? `先列出最急的 ${board.attention.length} 人，还有 ${unlisted} 人请点开下面的楼栋逐户查看` : '',
    attention,
    buildings,
  };
}
