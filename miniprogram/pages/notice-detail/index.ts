/**
 * 通知详情: opening it marks it read for the caller's households (the server does, once). When the notice asks for it,
 * 确认收到 acknowledges; a second tap or a retry changes nothing on the server, so no request id is needed.
 * Having read one is the natural moment to offer 「有新通知时提醒我」 (one subscribe message per consent).
 */
import { instanceState } from '../../behaviors/instanceState';
import { queryValue } from '../../behaviors/query';
import type { ViewStatus } from '../../components/state-view/status';
import { noticeDetailView, type NoticeDetailView } from '../../presenters/notices';
import { errorMessage, showDone, showError } from '../../services/feedback';
import { fetchSubscriptions, recordSubscriptions } from '../../services/health';
import { acknowledgeNotice, openNotice } from '../../services/notices';
import { askSubscribe } from '../../services/subscribe';
import { createSubmitKey } from '../../transport/index';

const local = instanceState(() => ({ noticeId: '', subscribeKey: createSubmitKey() }));

Component({
  data: {
    status: 'loading' as ViewStatus,
    errorMessage: '',
    notice: null as NoticeDetailView | null,
    acknowledging: false,
    subscribing: false,
    subscribed: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).noticeId = queryValue(query, 'noticeId');
      void this.load();
    },

    async load(): Promise<void> {
      const { noticeId } = local(this);
      if (!noticeId) {
        this.setData({ status: 'error', errorMessage: '没有指定通知，请从通知列表打开' });
        return;
      }
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const notice = noticeDetailView(await openNotice(noticeId));
        this.setData({ notice, status: 'ready' });
      } catch (err) {
        showError(err);
        if (this.data.status !== 'ready') this.setData({ status: 'error', errorMessage: errorMessage(err) });
      }
    },

    onRetry(): void {
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async onAcknowledge(): Promise<void> {
      const { noticeId } = local(this);
      if (this.data.acknowledging || !noticeId) return;
      this.setData({ acknowledging: true });
      try {
        const notice = noticeDetailView(await acknowledgeNotice(noticeId));
        this.setData({ notice, acknowledging: false });
        showDone('已确认收到');
      } catch (err) {
        this.setData({ acknowledging: false });
        showError(err);
      }
    },

    /** 「有新通知时提醒我」: WeChat's own prompt, then the answer recorded so the next notice can be pushed. */
    async onSubscribe(): Promise<void> {
      if (this.data.subscribing) return;
      this.setData({ subscribing: true });
      try {
        const ids = (await fetchSubscriptions()).filter((t) => t.key === 'noticePublished').map((t) => t.templateId);
        const accepted = await askSubscribe(ids);
        const key = local(this).subscribeKey;
        await recordSubscriptions(ids, accepted, key.requestId);
        key.renew();
        this.setData({ subscribing: false, subscribed: accepted.length > 0 });
        if (accepted.length) showDone('有新通知会提醒您');
        else wx.showToast({ title: '没有开启提醒，新通知会在「通知」里显示未读', icon: 'none', duration: 2500 });
      } catch (err) {
        this.setData({ subscribing: false });
        showError(err);
      }
    },
  },
});
