/**
 * 求助升级时间 (admin, `?communityId=…`): how long a request may wait for someone to take it before it climbs a level
 * (楼道长 → 网格员 → 社区管理员) — for 「危及生命」 and for the rest. Saving twice sets the same values (no request id).
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { responseTimesProblem, toResponseTimesForm, type ResponseTimesForm } from '../../../../presenters/help';
import { showDone, showError } from '../../../../services/feedback';
import { fetchResponseTimes, saveResponseTimes } from '../../../../services/help';
import { AppError } from '../../../../transport/index';
import type { ValueEvent } from '../../../../types/events';

const local = instanceState(() => ({ communityId: '' }));

Component({
  behaviors: [loadable],
  data: {
    form: null as ResponseTimesForm | null,
    problem: '',
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      local(this).communityId = queryValue(query, 'communityId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { communityId } = local(this);
      if (!communityId) throw new AppError('CLIENT.MISSING_COMMUNITY', '缺少社区信息，请从社区管理重新进入');
      return { empty: false, data: { form: toResponseTimesForm(await fetchResponseTimes(communityId)), problem: '' } };
    },

    onUrgentChange(e: ValueEvent<string>): void {
      if (this.data.form) this.setData({ 'form.urgent': String(e.detail.value), problem: '' });
    },

    onOtherChange(e: ValueEvent<string>): void {
      if (this.data.form) this.setData({ 'form.other': String(e.detail.value), problem: '' });
    },

    async onSave(): Promise<void> {
      const form = this.data.form;
      if (!form || this.data.saving) return;
      const urgent = Number(form.urgent);
      const other = Number(form.other);
      const problem = responseTimesProblem(urgent, other);
      if (problem) {
        this.setData({ problem });
        return;
      }
      this.setData({ saving: true });
      try {
        const saved = await saveResponseTimes(local(this).communityId, urgent, other);
        this.setData({ saving: false, form: toResponseTimesForm(saved) });
        showDone('已保存');
      } catch (err) {
        this.setData({ saving: false });
        showError(err);
      }
    },
  },
});
