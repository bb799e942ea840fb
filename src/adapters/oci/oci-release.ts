// BroadWorks release: read from SystemSoftwareVersionGetResponse, or probed (oci-p.md §8), and the
// UserGetRequest version that fits it (oci-p.md §9 client ladder).
import type { OciUserGetVersion } from '../../codecs/oci/types.ts';
import { parseRelease as parseReleaseText } from '../../machines/protocol-selection/parse-release.ts';

export interface BroadWorksRelease {
  /** The server's text (`22.0`, `21sp1`, `20.sp1`), or `R<major>+` / the accepted UserGet version when probed. */
  readonly text: string;
  readonly major: number;
  readonly servicePack?: number;
  /** `version`: SystemSoftwareVersionGetRequest answered; `probe`: found by stepping down the UserGet ladder. */
  readonly source: 'version' | 'probe';
}

/**
 * oci-p.md §8: the version text in the forms servers write it (`22.0`, `24`, `21.sp1`,
 * `21.sp1_1.551`, `Rel_22.0_1.1123`, `17sp4` ...). The same lenient reading the start-up machine
 * applies to the text (leading integer = major, an `sp<n>` token = service pack), so the two never
 * disagree about a release.
 *
 * @example
 *   parseRelease('21.sp1_1.551'); // { text: '21.sp1_1.551', major: 21, servicePack: 1, source: 'version' }
 */
export function parseRelease(text: string, source: BroadWorksRelease['source'] = 'version'): BroadWorksRelease | undefined {
  const parsed = parseReleaseText(text);
  if (!parsed.ok) return undefined;
  const { major, sp } = parsed.release;
  return sp === null ? { text: text.trim(), major, source } : { text: text.trim(), major, servicePack: sp, source };
}

/** oci-p.md §9: "Client ladder: `22` on R22+, then `21sp1`, `21`, `20`, `19`, `18`, `17sp4`." */
export const USER_GET_LADDER: readonly OciUserGetVersion[] = ['22', '21sp1', '21', '20', '19', '18', '17sp4'];

/** The release a UserGetRequest version proves when the server accepts it (probing, oci-p.md §8). */
export function releaseOfUserGetVersion(version: OciUserGetVersion): BroadWorksRelease {
  const parsed = parseRelease(version, 'probe')!;
  // Accepting UserGetRequest22 proves R22 or later, nothing more precise.
  return version === '22' ? { ...parsed, text: 'R22+' } : parsed;
}

/** The UserGetRequest version for a release; undefined below R17 (seed §3: "Unity supports all releases from R17"). */
export function userGetVersionFor(release: BroadWorksRelease): OciUserGetVersion | undefined {
  const { major, servicePack } = release;
  if (major >= 22) return '22';
  if (major === 21) return (servicePack ?? 0) >= 1 ? '21sp1' : '21';
  if (major === 20) return '20';
  if (major === 19) return '19';
  if (major === 18) return '18';
  if (major === 17) return '17sp4';
  return undefined;
}

/** oci-p.md §9: UserIntegratedIMPGetRequest21sp1 exists from 21sp1. */
export function hasIntegratedImpRequest(release: BroadWorksRelease): boolean {
  return release.major > 21 || (release.major === 21 && (release.servicePack ?? 0) >= 1);
}
