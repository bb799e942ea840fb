// The little of @xmpp/client (xmpp.js, no bundled types) the XMPP startup benchmark uses.
declare module '@xmpp/client' {
  interface XmppJsClient {
    on(event: 'online', listener: (address: { toString(): string }) => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: unknown): Promise<unknown>;
    reconnect: { stop(): void };
  }
  export function client(options: {
    service: string;
    domain: string;
    resource?: string;
    username: string;
    password: string;
  }): XmppJsClient;
  export function xml(name: string, attrs?: Record<string, string>, ...children: unknown[]): unknown;
}
