// Narrow declarations for the untyped pieces the preview drives: exparser (j-component's core),
// j-component internals, and the build's generated manifest. Only what the runtime touches.

declare module 'miniprogram-exparser' {
  export interface ExparserEvent {
    type: string;
    detail: unknown;
    target: ExparserNode;
  }
  export interface ComponentOptions {
    classPrefix: string;
    addGlobalClass: boolean;
  }
  export interface ExparserNode {
    $$: HTMLElement | null;
    is?: string;
    id: string;
    parentNode: ExparserNode | null;
    childNodes: ExparserNode[];
    shadowRoot?: ExparserNode;
    ownerShadowRoot: ExparserNode | null;
    dataset: Record<string, unknown>;
    getHostNode(): ExparserNode;
    querySelector(selector: string): ExparserNode | null;
    triggerPageLifeTime(name: string, args: unknown[]): void;
    triggerLifeTime(name: string, args?: unknown[]): void;
    __componentOptions?: ComponentOptions;
  }
  export const Element: {
    getMethodCaller(node: ExparserNode): unknown;
    pretendAttached(node: ExparserNode): void;
    pretendDetached(node: ExparserNode): void;
  };
  export const Component: {
    getComponentOptions(node: ExparserNode): ComponentOptions | undefined;
  };
  export const Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): ExparserEvent;
    dispatchEvent(target: ExparserNode | EventTarget, event: ExparserEvent): void;
  };
  export function addListenerToElement(node: ExparserNode, name: string, handler: (event: ExparserEvent) => boolean | undefined, options?: { capture?: boolean }): number;
}

declare module 'j-component/src/tool/utils' {
  const utils: { transformRpx(style: string, keepSpaces?: boolean): string };
  export = utils;
}

declare module 'j-component/src/template/transform' {
  const transform: (generate: (data: unknown) => unknown, usingComponents: Record<string, string>) => (options?: { data?: unknown }) => unknown;
  export = transform;
}

declare module 'pv-manifest' {
  export interface ManifestComponent {
    isPage: boolean;
    tagName: string;
    prefix: string;
    json: {
      navigationBarTitleText?: string;
      navigationBarBackgroundColor?: string;
      navigationBarTextStyle?: string;
      navigationStyle?: string;
      backgroundColor?: string;
      styleIsolation?: string;
      component?: boolean;
    };
    using: Record<string, string>;
    wxml: string | null;
    template: string | null;
    code: (() => void) | null;
  }
  export interface TabBarItem { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }
  export interface AppJson {
    pages: string[];
    window?: Record<string, string | undefined>;
    tabBar?: { color?: string; selectedColor?: string; backgroundColor?: string; borderStyle?: string; list: TabBarItem[] };
    entryPagePath?: string;
  }
  const manifest: {
    appJson: AppJson;
    pages: string[];
    appCode: () => void;
    officialWxml: boolean;
    wxApiNames: string[];
    components: Record<string, ManifestComponent>;
  };
  export default manifest;
}
