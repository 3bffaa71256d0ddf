/**
 * Every cloud function's route table and the contract file it answers to — read by docs/api.md's generator
 * and by the test that keeps the docs, the contract and the policy in step. Functions do not import this.
 */
import type { Routes } from '../platform/router';
import { routes as community } from './community';
import { routes as health } from './health';
import { routes as notice } from './notice';
import { routes as supply } from './supply';
import { routes as help } from './help';

export interface FunctionEntry {
  name: string;
  summary: string;
  contract: string; // path under typings/contract
  routes: Routes;
}

export const FUNCTIONS: FunctionEntry[] = [
  { name: 'community', summary: '社区、网格、楼栋与房屋登记，角色任命与住户绑定', contract: 'community.d.ts', routes: community },
  { name: 'health', summary: '居家隔离与健康监测，每日两次健康打卡，异常与未打卡提醒，待办', contract: 'health.d.ts', routes: health },
  { name: 'notice', summary: '通知：按范围发布，住户已读与确认收到，楼道长追踪未读', contract: 'notice.d.ts', routes: notice },
  { name: 'help', summary: '求助：提出、接单、解决，无人接单时按时升级并通知', contract: 'help.d.ts', routes: help },
  { name: 'supply', summary: '物资订单：目录、下单、按楼批次截单、采购与配送清单、收款记录', contract: 'supply.d.ts', routes: supply },
];
