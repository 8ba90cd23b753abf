// The part of j-component the preview uses, typed for it (the package's own typings describe
// test usage and require options shaped for miniprogram-api-typings' Component()).

export interface RegisterOptions {
  id: string;
  tagName: string;
  template: unknown;
  path?: string;
  usingComponents?: Record<string, string>;
  options?: Record<string, unknown>;
  [option: string]: unknown;
}

export interface RootComponent {
  readonly dom: HTMLElement | undefined;
  readonly instance: unknown;
  attach(parent: HTMLElement): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

declare const jComponent: {
  register(options: RegisterOptions): string;
  behavior(definition: Record<string, unknown>): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent;
};

export default jComponent;
