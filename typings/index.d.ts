/// <reference types="miniprogram-api-typings" />

interface IAppOption {
  globalData: {
    /** The role the user is acting as (the role switcher in 我的). */
    activeRole?: string;
  };
}
