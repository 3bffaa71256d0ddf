/**
 * Rows that open another page: bind `bindtap="onOpen" data-url="{{item.url}}"`; the presenter decides the url, so a
 * row without one (nothing to open) is simply not a link.
 */
import type { DatasetEvent } from '../types/events';

export const openUrl = Behavior({
  methods: {
    onOpen(e: DatasetEvent<{ url?: string }>): void {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },
  },
});
