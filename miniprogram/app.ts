import { getConfig } from './config/index';
import { initCloud } from './transport/index';

App<IAppOption>({
  globalData: {},
  onLaunch() {
    const config = getConfig();
    // Local mode talks to the emulator over HTTP; only cloud mode needs wx.cloud.
    if (config.mode === 'cloud') initCloud(config.envId);
  },
});
