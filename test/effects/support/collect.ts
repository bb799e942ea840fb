// Helpers to observe effect Observables in tests.
import { firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';
import { isNetFailure, type NetFailure } from '../../../src/effects/net-failure.ts';

export async function failureOf(source: Observable<unknown>): Promise<NetFailure> {
  try {
    await lastValueFrom(source);
  } catch (error) {
    if (isNetFailure(error)) return error;
    throw new Error(`expected a NetFailure, got ${String(error)}`);
  }
  throw new Error('expected a NetFailure, the Observable completed');
}

export const first = <T>(source: Observable<T>): Promise<T> => firstValueFrom(source);

export async function textOf(source: Observable<Uint8Array>): Promise<string> {
  const chunks = await lastValueFrom(source.pipe(toArray()));
  return Buffer.concat(chunks).toString('utf8');
}
