/**
 * The 通知 tab's badge: how many notices that reach the person's households they have not opened. Set from 首页 as the
 * app opens (and each time 首页 shows), and from the 通知 list, so the count is there before anyone visits the tab.
 */
import { unreadBadge } from '../presenters/notices';
import { fetchUnreadCount } from '../services/notices';

/** The tab bar's index of 通知 (app.json tabBar.list). */
export const NOTICE_TAB_INDEX = 1;

export const noticeBadge = Behavior({
  methods: {
    /** The badge is a nicety: a failure leaves it as it is, without a toast (the list's dots still tell). */
    async refreshNoticeBadge(): Promise<void> {
      try {
        const text = unreadBadge(await fetchUnreadCount());
        if (text) wx.setTabBarBadge({ index: NOTICE_TAB_INDEX, text });
        else wx.removeTabBarBadge({ index: NOTICE_TAB_INDEX });
      } catch {
        // offline or not signed in
      }
    },
  },
});
