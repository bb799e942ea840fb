// What the dashboard shows beyond the event log (issue 6 "Web dashboard"): call and BLF events
// from the CTI link (cti-xsi.md §3.4), IMs received and delivery news from Kakapo IM&P. The CTI
// link is replaced at each reconnect, so the feed follows whichever link is current.
import { Observable, type Subscription } from 'rxjs';
import type { CtiLink, XsiCall, ClientLinks } from '../../client/index.ts';

export type DashboardNews =
  /** A call event of the user (targetId = the user) or of a monitored user (a BLF lamp). */
  | { kind: 'call'; targetId: string; event: string; call: XsiCall }
  | { kind: 'im-in'; id: string; from: string; body: string; sent: number }
  | { kind: 'im-delivery'; id: string; status: 'delivered' | 'rejected'; message?: string };

export interface FeedSource {
  readonly links: ClientLinks;
  /** Any stream that ticks when the session changes (the snapshot stream): the CTI link is re-read then. */
  readonly snapshot$: Observable<unknown>;
}

export function dashboardFeed(source: FeedSource): Observable<DashboardNews> {
  return new Observable<DashboardNews>((subscriber) => {
    const subscriptions: Subscription[] = [];
    let cti: CtiLink | null = null;
    let ctiEvents: Subscription | null = null;
    let imp: ClientLinks['imp'] = null;
    const follow = (): void => {
      const link = source.links.cti?.link ?? null;
      if (link !== cti) {
        ctiEvents?.unsubscribe();
        cti = link;
        ctiEvents = link?.events$.subscribe((e) => {
          if (e.type !== 'event') return;
          const data = e.data as { type: string; call?: XsiCall };
          if (data.call !== undefined) subscriber.next({ kind: 'call', targetId: e.targetId, event: data.type, call: data.call });
        }) ?? null;
      }
      if (imp === null && source.links.imp !== null) {
        imp = source.links.imp;
        subscriptions.push(
          imp.messages$.subscribe((m) => subscriber.next({ kind: 'im-in', id: m.id, from: m.from, body: m.body, sent: m.sent })),
          imp.delivery$.subscribe((d) => subscriber.next({ kind: 'im-delivery', ...d })),
        );
      }
    };
    subscriptions.push(source.snapshot$.subscribe(follow));
    return () => {
      ctiEvents?.unsubscribe();
      for (const s of subscriptions) s.unsubscribe();
    };
  });
}
