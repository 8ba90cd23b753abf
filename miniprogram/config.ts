// Where the government is. The real one is reached over https with wx.request; the embedded one
// (the mocked government inside the mini program) runs only where a build includes it and the mini
// program is not the released version. backend.ts decides which, and nothing else reads this.
export interface BackendConfig {
  /** The real government's API, used by a release build and wherever the embedded one is absent. */
  http: { baseUrl: string; timeoutMs: number };
  /** How the embedded government behaves where it runs; null to use the real one everywhere. */
  embedded: { latencyMs: number } | null;
}

export const backendConfig: BackendConfig = {
  http: { baseUrl: 'https://api.city-services.gov.cn.example', timeoutMs: 10000 },
  embedded: { latencyMs: 150 },
};
