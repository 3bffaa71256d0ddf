/** The phone's own abilities a page asks for: calling a number, copying text. */
import { AppError } from '../transport/index';

/** Opens the dialler with the number (the person still confirms the call). */
export function callPhone(phoneNumber: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.makePhoneCall({
      phoneNumber,
      success: () => resolve(),
      fail: (err: { errMsg?: string }) => {
        // Closing the dialler is the person's choice, not a failure worth a toast.
        if (err?.errMsg?.includes('cancel')) resolve();
        else reject(new AppError('DEVICE.CALL_FAILED', '无法拨打电话，请手动拨打'));
      },
    });
  });
}

export function copyText(data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.setClipboardData({
      data,
      success: () => resolve(),
      fail: () => reject(new AppError('DEVICE.COPY_FAILED', '复制失败，请长按文字手动复制')),
    });
  });
}
