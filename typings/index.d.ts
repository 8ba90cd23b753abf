/// <reference types="miniprogram-api-typings" />

interface IAppOption {
  globalData: {
    /** Set once at launch; pages read it to know the mini program is running. */
    launchedAt: number;
  };
}

declare namespace WechatMiniprogram {
  interface StartFacialRecognitionVerifySuccess {
    errMsg: string;
    /** Proof of the verification that the government side checks (server-to-server in production). */
    verifyResult: string;
  }

  interface StartFacialRecognitionVerifyOption {
    name: string;
    idCardNumber: string;
    /** 0 read digits, 1 mouth, 2 blink/turn */
    checkAliveType?: 0 | 1 | 2;
    success?: (res: StartFacialRecognitionVerifySuccess) => void;
    fail?: (err: GeneralCallbackResult) => void;
    complete?: (res: GeneralCallbackResult) => void;
  }

  interface Wx {
    /**
     * Face verification against the public security ID photo, available only to
     * government and similar accounts:
     * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/facial/wx.startFacialRecognitionVerify.html
     * (not in miniprogram-api-typings 5.2.3, so declared here, narrowly).
     */
    startFacialRecognitionVerify?: (option: StartFacialRecognitionVerifyOption) => void;
  }
}
