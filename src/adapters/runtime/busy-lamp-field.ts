// The BLF list for a session (cti-xsi.md §3.5: "BLF = a call package subscribed per monitored user;
// the list comes from GET /user/<id>/services/BusyLampField", an XSI request). seed: XSI never blocks
// connections — any failure, or no answer within the bound, means no BLF and a note.
import { asyncScheduler, firstValueFrom, from, map, race, timer, type SchedulerLike } from 'rxjs';

/** Reads the BLF list over XSI (the client's XSI runtime). */
export type BusyLampFieldSource = () => Promise<{ ok: true; value: string[] } | { ok: false; error: { message: string } }>;

export type BusyLampFieldList = { users: readonly string[]; note: null } | { users: readonly []; note: string };

/** A BLF fetch slower than this logs in without BLF. */
export const BLF_FETCH_LIMIT_MS = 5_000;

/** The list, or none with the reason; never throws. */
export async function fetchBusyLampField(source: BusyLampFieldSource, scheduler: SchedulerLike = asyncScheduler): Promise<BusyLampFieldList> {
  const late = { ok: false as const, error: { message: `no answer within ${BLF_FETCH_LIMIT_MS / 1000} s` } };
  const answer = await firstValueFrom(
    race(
      from(source().catch((error: unknown) => ({ ok: false as const, error: { message: error instanceof Error ? error.message : String(error) } }))),
      timer(BLF_FETCH_LIMIT_MS, scheduler).pipe(map(() => late)),
    ),
  );
  return answer.ok ? { users: answer.value, note: null } : { users: [], note: `no BLF: the XSI BusyLampField list is unavailable (${answer.error.message})` };
}
