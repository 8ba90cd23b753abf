// The one API client every service uses.
import { createDefaultTransport } from '../backend';
import { createApiClient, type ApiClient } from '../core/client';
import { clearSession, currentToken } from '../core/session';
import type { Transport } from '../core/transport';

let transport: Transport | null = null;
let client: ApiClient | null = null;

/** Replace the transport (tests, the browser preview); the next call uses it. */
export function useTransport(next: Transport): void {
  transport = next;
  client = null;
}

export function api(): ApiClient {
  if (!client) {
    client = createApiClient({
      transport: transport ?? (transport = createDefaultTransport()),
      token: currentToken,
      onIdentityLost: (error) => {
        // The government no longer knows this token: forget it so the next step starts cleanly.
        if (error.code === 'UNAUTHENTICATED') clearSession();
      },
    });
  }
  return client;
}
