/** One thing to do today, shown on 首页 (a check-in due, an order to deliver, a notice to read…). */
import { cellText } from '../presenters/checkIn';
import { fetchMyIsolations } from './health';

export interface TodayTask {
  id: string;
  title: string;
  description: string;
  /** The page that does it. */
  url: string;
}

/**
 * Today's tasks come from the features that create them. So far: 健康打卡 for each isolated member of the person's
 * households (anyone may ask; people without one get none).
 */
export async function fetchTodayTasks(): Promise<TodayTask[]> {
  const isolations = await fetchMyIsolations();
  return isolations.map((iso) => {
    const slot = iso.clock.openSlot;
    const now = slot ? `${slot === 'am' ? '上午' : '下午'}${cellText(iso.today[slot])}` : `下一次打卡 ${iso.clock.nextOpening} 开始`;
    return {
      id: `checkIn-${iso.residentId}`,
      title: `健康打卡：${iso.name}`,
      description: `${iso.progress} · ${now}`,
      url: '/pages/check-in/index',
    };
  });
}
