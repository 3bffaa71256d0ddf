/**
 * Reading a community's structure from the spreadsheet its office already has: one row per room, or one row
 * per resident (then several rows share a room). Pure: rows in, the grids / buildings / households / residents
 * they describe out, plus every row that cannot be read with its row number and why. The handler writes
 * nothing unless there are no problems at all.
 */
import type { ImportProblem, Relation } from '../../typings/contract/community';
import { RELATIONS, floorOfRoom, householdLabel, stableId } from '../household/household';
import { normaliseMobile } from '../privacy/phone';

/** A row as read from the file: header → cell text, and its row number in the sheet (header = 1). */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface PlannedGrid {
  _id: string;
  name: string;
}
export interface PlannedBuilding {
  _id: string;
  gridId: string;
  number: string;
  name: string;
}
export interface PlannedHousehold {
  _id: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  floor: number;
  room: string;
  label: string;
}
export interface PlannedResident {
  _id: string;
  householdId: string;
  buildingId: string;
  gridId: string;
  name: string;
  relation: Relation;
  phone: string;
}

export interface StructurePlan {
  grids: PlannedGrid[];
  buildings: PlannedBuilding[];
  households: PlannedHousehold[];
  residents: PlannedResident[];
  problems: ImportProblem[];
  rows: number;
}

/** Header spellings seen in community spreadsheets → our field. */
const HEADERS: Record<string, keyof Columns> = {
  网格: 'grid',
  所属网格: 'grid',
  楼栋: 'building',
  楼号: 'building',
  栋: 'building',
  楼栋号: 'building',
  单元: 'unit',
  单元号: 'unit',
  房号: 'room',
  房间号: 'room',
  门牌号: 'room',
  楼层: 'floor',
  姓名: 'name',
  居民姓名: 'name',
  手机号: 'phone',
  手机: 'phone',
  联系电话: 'phone',
  电话: 'phone',
  与户主关系: 'relation',
  关系: 'relation',
};

interface Columns {
  grid: string;
  building: string;
  unit: string;
  room: string;
  floor: string;
  name: string;
  phone: string;
  relation: string;
}

export const DEFAULT_GRID_NAME = '第一网格';
export const MAX_ROWS = 20_000;

/** Which required columns the header row lacks, in the words of the sheet. */
export function missingColumns(headers: string[]): string[] {
  const present = new Set(headers.map((h) => HEADERS[h.trim()]).filter(Boolean));
  const required: [keyof Columns, string][] = [
    ['building', '楼栋'],
    ['unit', '单元'],
    ['room', '房号'],
  ];
  return required.filter(([k]) => !present.has(k)).map(([, label]) => label);
}

function columns(cells: Record<string, string>): Partial<Columns> {
  const out: Partial<Columns> = {};
  for (const [header, value] of Object.entries(cells)) {
    const key = HEADERS[header.trim()];
    if (key && value != null && String(value).trim() !== '') out[key] = String(value).trim();
  }
  return out;
}

/** "3", "3号楼", "3栋", "3幢" → "3". */
const numberOf = (text: string, suffix: RegExp) => {
  const m = new RegExp(`^(\\d{1,3})${suffix.source}?$`).exec(text.replace(/\s/g, ''));
  return m ? String(Number(m[1])) : null;
};

const RELATION_WORDS: Record<string, Relation> = { 户主: '本人', 妻子: '配偶', 丈夫: '配偶', 儿子: '子女', 女儿: '子女', 父亲: '父母', 母亲: '父母' };

export function planStructure(communityId: string, rows: SheetRow[]): StructurePlan {
  const problems: ImportProblem[] = [];
  const grids = new Map<string, PlannedGrid>();
  const buildings = new Map<string, PlannedBuilding>();
  const households = new Map<string, PlannedHousehold>();
  const residents = new Map<string, PlannedResident>();

  for (const { row, cells } of rows) {
    const c = columns(cells);
    if (Object.keys(c).length === 0) continue; // blank line
    const why: string[] = [];
    const building = c.building ? numberOf(c.building, /(号楼|栋|幢|号)/) : null;
    const unit = c.unit ? numberOf(c.unit, /(单元)/) : null;
    const room = c.room && /^\d{3,4}$/.test(c.room) ? c.room : null;
    if (!building) why.push(c.building ? `楼栋「${c.building}」应写成数字，如 3 或 3号楼` : '缺少楼栋');
    if (!unit) why.push(c.unit ? `单元「${c.unit}」应写成数字，如 2 或 2单元` : '缺少单元');
    if (!room) why.push(c.room ? `房号「${c.room}」应为 3–4 位数字，如 301` : '缺少房号');
    const floor = c.floor ? Number(c.floor) : room ? floorOfRoom(room) : null;
    if (room && (!floor || !Number.isInteger(floor) || floor < 1 || floor > 99)) why.push(`楼层「${c.floor ?? ''}」无法识别`);
    let phone = '';
    if (c.phone) {
      const p = normaliseMobile(c.phone);
      if (p) phone = p;
      else why.push(`手机号「${c.phone}」不是有效的大陆手机号`);
    }
    if (c.name && Array.from(c.name).length > 20) why.push('姓名超过 20 个字');
    let relation: Relation = '本人';
    if (c.relation) {
      const r = (RELATIONS as readonly string[]).includes(c.relation) ? (c.relation as Relation) : RELATION_WORDS[c.relation];
      if (r) relation = r;
      else why.push(`与户主关系「${c.relation}」应为：${RELATIONS.join('、')}`);
    }
    if ((c.phone || c.relation) && !c.name) why.push('填写了手机号或关系，但缺少姓名');
    if (why.length) {
      problems.push({ row, message: why.join('；') });
      continue;
    }
    const gridName = c.grid ?? DEFAULT_GRID_NAME;
    const gridId = stableId('g', communityId, gridName);
    if (!grids.has(gridId)) grids.set(gridId, { _id: gridId, name: gridName });
    const buildingId = stableId('b', communityId, building!);
    const existingBuilding = buildings.get(buildingId);
    if (existingBuilding && existingBuilding.gridId !== gridId) {
      problems.push({ row, message: `${building}号楼在前面的行属于另一个网格，一栋楼只能属于一个网格` });
      continue;
    }
    if (!existingBuilding) buildings.set(buildingId, { _id: buildingId, gridId, number: building!, name: `${building}号楼` });
    const householdId = stableId('h', communityId, building!, unit!, room!);
    if (!households.has(householdId)) {
      households.set(householdId, {
        _id: householdId,
        gridId,
        buildingId,
        buildingName: `${building}号楼`,
        unit: unit!,
        floor: floor!,
        room: room!,
        label: householdLabel(building!, unit!, room!),
      });
    }
    if (c.name) {
      const residentId = stableId('r', communityId, householdId, c.name);
      if (!residents.has(residentId)) residents.set(residentId, { _id: residentId, householdId, buildingId, gridId, name: c.name, relation, phone });
    }
  }
  if (rows.length > MAX_ROWS) problems.unshift({ row: 0, message: `文件有 ${rows.length} 行，一次最多导入 ${MAX_ROWS} 行，请分批导入` });
  return {
    grids: [...grids.values()],
    buildings: [...buildings.values()],
    households: [...households.values()],
    residents: [...residents.values()],
    problems,
    rows: rows.length,
  };
}
