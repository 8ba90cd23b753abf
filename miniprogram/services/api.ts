// The one API client every service uses.
import { createDefaultTransport } from '../backend';
import { createApiClient, type ApiClient } from '../core/client';
import { clearSession, currentToken } from '../core/session';
import type { EmbeddedTransport, Transport } from '../core/transport';

let transport: Transport | null = null;
let client: ApiClient | null = null;
let retryBaseDelayMs: number | undefined;

/** Replace the transport (tests, the browser preview); the next call uses it. */
export function useTransport(next: Transport, options: { retryBaseDelayMs?: number } = {}): void {
  transport = next;
  retryBaseDelayMs = options.retryBaseDelayMs;
  client = null;
}

export function api(): ApiClient {
  if (!client) {
    client = createApiClient({
      transport: transport ?? (transport = createDefaultTransport()),
      token: currentToken,
      retryBaseDelayMs,
      onIdentityLost: (error) => {
        // The government no longer knows this token: forget it so the next step starts cleanly.
        if (error.code === 'UNAUTHENTICATED') clearSession();
      },
    });
  }
  return client;
}

/** The embedded government's network-fault switch, for testers; null against a real server. */
export function networkFaultSwitch(): Pick<EmbeddedTransport, 'fault' | 'setFault'> | null {
  api();
  const current = transport;
  return current && 'setFault' in current ? (current as EmbeddedTransport) : null;
}
