/**
 * 我的待办 (staff): everything waiting in the caller's scopes — help requests, abnormal and missed check-ins,
 * escalations, and what other features add — most urgent first, 20 at a time. Each item opens the place to act on
 * it (presenters/tasks.ts ROUTES); items that are only read are ticked off here with 标记已处理, once even when the
 * answer is lost (one tap = one request id, reused on retry). Coming back from acting on one refreshes the list.
 */
import { instanceState } from '../../behaviors/instanceState';
import { pagedList } from '../../behaviors/pagedList';
import { staffReminders, toTaskRow, type StaffReminders, type TaskRow } from '../../presenters/tasks';
import { showDone, showError } from '../../services/feedback';
import { fetchSubscriptions, listMyTasks, markTaskDone, recordSubscriptions } from '../../services/health';
import { askSubscribe } from '../../services/subscribe';
import type { Page } from '../../services/paging';
import { createSubmitKey, type SubmitKey } from '../../transport/index';
import type { DatasetEvent } from '../../types/events';
import { reloadOnReturn } from '../../behaviors/reloadOnReturn';
import { openUrl } from '../../behaviors/openUrl';

const local = instanceState(() => ({ keys: new Map<string, SubmitKey>(), subscribeKey: createSubmitKey() }));

Component({
  behaviors: [pagedList, reloadOnReturn, openUrl],
  data: {
    busyId: '',
    /** WeChat reminders for staff (urgent help, fevers, missed check-ins): how many are left, and the prompt. */
    reminders: null as StaffReminders | null,
    subscribing: false,
  },
  methods: {
    onLoad(): void {
      void this.reloadList();
      fetchSubscriptions().then(
        (t) => this.setData({ reminders: staffReminders(t) }),
        () => undefined, // the reminder line is an extra; the list shows any failure
      );
    },

    /** 开启微信提醒: WeChat's own prompt for the staff templates, then the answers recorded so alerts can be sent. */
    async onSubscribe(): Promise<void> {
      const ids = this.data.reminders?.templateIds ?? [];
      if (this.data.subscribing || !ids.length) return;
      this.setData({ subscribing: true });
      try {
        const accepted = await askSubscribe(ids);
        const key = local(this).subscribeKey;
        const templates = await recordSubscriptions(ids, accepted, key.requestId);
        key.renew();
        this.setData({ subscribing: false, reminders: staffReminders(templates) });
        if (accepted.length) showDone('已开启提醒');
        else wx.showToast({ title: '没有开启提醒，紧急求助只能在待办里看到', icon: 'none', duration: 2500 });
      } catch (err) {
        this.setData({ subscribing: false });
        showError(err);
      }
    },

    async fetchPage(cursor: string | null): Promise<Page<TaskRow>> {
      const page = await listMyTasks(cursor);
      return { items: page.items.map(toTaskRow), nextCursor: page.nextCursor };
    },

    async onDone(e: DatasetEvent<{ taskId?: string }>): Promise<void> {
      const taskId = e.currentTarget.dataset.taskId;
      const items = this.data.items as TaskRow[];
      const index = items.findIndex((t) => t.taskId === taskId);
      if (!taskId || index < 0 || this.data.busyId) return;
      const keys = local(this).keys;
      const key = keys.get(taskId) ?? createSubmitKey();
      keys.set(taskId, key);
      this.setData({ busyId: taskId });
      try {
        const task = await markTaskDone(taskId, key.requestId);
        keys.delete(taskId);
        this.setData({ busyId: '', [`items[${index}]`]: toTaskRow(task) });
        showDone('已标记处理');
      } catch (err) {
        this.setData({ busyId: '' });
        showError(err);
      }
    },
  },
});
