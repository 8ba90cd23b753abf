// Which government the app talks to. Embedded (default): the mocked government runs inside
// the mini program, no server needed. Http: a real base URL reached with wx.request.
export type BackendConfig =
  | { kind: 'embedded'; latencyMs: number }
  | { kind: 'http'; baseUrl: string; timeoutMs: number };

export const backendConfig: BackendConfig = { kind: 'embedded', latencyMs: 150 };
